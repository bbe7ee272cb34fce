import { projectParts, RunHost, type HostOptions } from '../host/index.ts';
import type { ModelClient } from '../core/index.ts';
import { OllamaModelClient } from '../models/index.ts';
import { newId } from '../shared/index.ts';
import { EvalStore, withBatchedCommits, type Db } from '../store/index.ts';
import { validateToolArgs } from '../tools/index.ts';
import { MockedWorld } from './mocked-world.ts';
import type { WorkbenchMocks } from './mocks.ts';
import type { World } from './world.ts';

export interface WorkbenchOptions extends HostOptions {
  readonly ollamaHost?: string;
  /** Where tool requests go (default: the project's mocked world, in-process). */
  readonly world?: World;
}

/**
 * The developer's run host: a project, its SQLite database and its mocked world (tools mocked,
 * models scripted or at a local Ollama). The production runtime composes the same host with live
 * transports instead.
 */
export class Workbench extends RunHost {
  readonly db: Db;
  readonly ollamaHost: string;
  readonly #mocked: MockedWorld;

  private constructor(parts: ReturnType<typeof projectParts>, world: MockedWorld, ollamaHost: string) {
    super({ ...parts, world });
    this.db = parts.store.db;
    this.ollamaHost = ollamaHost;
    this.#mocked = world;
  }

  /** Loads and validates what runs use; refuses to run on definitions with errors. */
  static open(root: string, options: WorkbenchOptions = {}): Workbench {
    const parts = projectParts(root, options);
    const ollamaHost = options.ollamaHost ?? process.env.OLLAMA_HOST ?? 'http://127.0.0.1:11434';
    return new Workbench(parts, new MockedWorld(options.world ?? { kind: 'mocked' }, root, parts.definitions, ollamaHost), ollamaHost);
  }

  /** A client of this project's Ollama (OLLAMA_HOST), its requests marked with `headers` (the mocked world answers by them). */
  modelClient(headers: Record<string, string> = {}): ModelClient {
    return new OllamaModelClient(this.ollamaHost, headers);
  }

  /** What is wrong with arguments for a tool, by its connector's schema (empty when they fit). */
  toolArgsProblems(tool: string, args: Record<string, unknown>): string[] {
    const connector = this.definitions.tools.find((t) => t.value.name === tool)?.value;
    return connector ? validateToolArgs(connector, args) : [`no connector defines tool ${tool}`];
  }

  /** Keeps an eval or gate report (its head and a summary row per case) for history and the TUI. */
  saveEvalReport(kind: 'eval' | 'gate', report: Parameters<EvalStore['save']>[2], verdict: 'pass' | 'fail' | null): void {
    new EvalStore(this.db).save(newId(kind), kind, report, verdict);
  }

  /** Runs `fn` with this database's writes committed in batches, for gold-case runs (see withBatchedCommits). */
  batchingCommits<T>(fn: () => Promise<T>): Promise<T> {
    return withBatchedCommits(this.db, fn);
  }

  /** The in-process mocks (started on first use): tests and evals read what each run sent them. */
  mocks(): Promise<WorkbenchMocks> {
    return this.#mocked.mocks();
  }

  /** Stops intercepting tool and model requests (they start again on the next run). */
  stopMocks(): Promise<void> {
    return this.#mocked.close();
  }
}
