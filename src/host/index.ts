export { RunHost, recordingFrom, type RunHostParts, type StartOptions, type Env, type IdSource } from './run-host.ts';
export { projectParts, type HostOptions } from './compose.ts';
export type { HostStore } from './store.ts';
export { openSqliteStore } from './sqlite-store.ts';
export type { RunWorld, RunTransports, RunSetup, ToolTransport } from './run-world.ts';
export { LiveWorld } from './live-world.ts';
export { DefinitionsInvalidError, definitionsFromSnapshot, runDefinitionsFor, snapshotDigest, type DefinitionSnapshot } from './definitions.ts';
export { Semaphore, RateLimiter, ConcurrencyLimits } from './concurrency.ts';
