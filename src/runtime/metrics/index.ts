export { RunCounters, type ProcessCounters, type RunLookup } from './run-counters.ts';
