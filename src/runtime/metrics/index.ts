export { runtimeFigures, type RuntimeFigures } from './figures.ts';
export { exposition, type ProcessCounters } from './exposition.ts';
