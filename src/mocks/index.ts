export type { MockRun, MocksModule, ToolWorld, WorldFactory } from './contract.ts';
export { loadMocks } from './load.ts';
export { handlerWorld } from './handler-world.ts';
export { IdempotencyKeys } from './idempotency.ts';
