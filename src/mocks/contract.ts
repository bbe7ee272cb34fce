import type { RequestHandler } from 'msw';

/** What a project's mocks are given for each run: everything they create per call is that run's. */
export interface MockRun {
  /** The run the mocked world belongs to. */
  readonly runId: string;
}

/** One run's mocked systems: answers the tool requests of that run only. */
export interface ToolWorld {
  handle(request: Request): Promise<Response>;
}

/**
 * What `fixtures/tools/index.{js,mjs,ts,mts}` may export:
 * - `createHandlers(run)`: MSW request handlers (`http.get(...)`), built once per run over
 *   state the factory creates, so runs stay isolated (the contract the templates use);
 * - `createToolWorld(run)`: an object with `handle(request)` (the older contract, still read).
 */
export interface MocksModule {
  createHandlers?: (run: MockRun) => readonly RequestHandler[] | Promise<readonly RequestHandler[]>;
  createToolWorld?: (run: MockRun) => ToolWorld;
}

/** Builds one run's world. */
export type WorldFactory = (run: MockRun) => Promise<ToolWorld>;
