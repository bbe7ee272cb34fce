export { Workbench, type WorkbenchOptions, type WorkerWorkbench } from './workbench.ts';
export { recordingFrom, type StartOptions, type Env } from '../host/index.ts';
export type { World } from './world.ts';
export { runGoldCase, type GoldRun } from './gold-run.ts';
export { buildTimeline, type TimelineEntry } from './timeline.ts';
export { DefinitionsInvalidError, definitionsFromSnapshot, runDefinitionsFor, snapshotDigest, type DefinitionSnapshot } from '../host/index.ts';
export { Semaphore, RateLimiter, ConcurrencyLimits } from '../host/index.ts';
export { loadModelScript } from './mocks.ts';
// What a face needs of the layers below, through the host: a failure as the user can act on it, a trace file read back.
export { asStorageError as storageFailure } from '../store/index.ts';
export { readRecording, type Recording } from '../trace/index.ts';
