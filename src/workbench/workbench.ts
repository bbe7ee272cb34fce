import { projectParts, RunHost, type HostOptions } from '../host/index.ts';
import type { ModelClient } from '../core/index.ts';
import { OllamaModelClient } from '../models/index.ts';
import { newId } from '../shared/index.ts';
import { copyRunsFrom, EvalStore, withBatchedCommits, type Db } from '../store/index.ts';
import { validateToolArgs } from '../tools/index.ts';
import { MockedWorld } from './mocked-world.ts';
import type { WorkbenchMocks } from './mocks.ts';
import type { World } from './world.ts';

/** A workbench as an eval worker opens it again: plain data (see Workbench.workerWorkbench). */
export interface WorkerWorkbench {
  readonly root: string;
  readonly vaultKey: Uint8Array;
  readonly logsBeside: string;
  readonly tracesDir: string;
  readonly traces: boolean;
  readonly ollamaHost: string;
  readonly world: World;
}

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
  readonly #like: WorkerWorkbench;

  private constructor(parts: ReturnType<typeof projectParts>, world: MockedWorld, ollamaHost: string, worldOption: World, traces: boolean) {
    super({ ...parts, world });
    this.db = parts.store.db;
    this.ollamaHost = ollamaHost;
    this.#mocked = world;
    this.#like = { root: parts.root, vaultKey: parts.vaultKey, logsBeside: parts.dbPath, tracesDir: parts.traces.dir, traces, ollamaHost, world: worldOption };
  }

  /** Loads and validates what runs use; refuses to run on definitions with errors. */
  static open(root: string, options: WorkbenchOptions = {}): Workbench {
    const parts = projectParts(root, options);
    const ollamaHost = options.ollamaHost ?? process.env.OLLAMA_HOST ?? 'http://127.0.0.1:11434';
    const world = options.world ?? { kind: 'mocked' };
    return new Workbench(parts, new MockedWorld(world, root, parts.definitions, ollamaHost), ollamaHost, world, options.traces !== false);
  }

  /**
   * What an eval worker thread needs to open a workbench like this one over a database file of its
   * own (the same project, vault key, logs, traces and world): plain data, to post to the thread.
   */
  workerWorkbench(): WorkerWorkbench {
    return this.#like;
  }

  /** Opens a workbench as `workerWorkbench()` describes it, over `dbPath` (in the worker thread). */
  static openForWorker(like: WorkerWorkbench, dbPath: string): Workbench {
    return Workbench.open(like.root, { dbPath, vaultKey: Buffer.from(like.vaultKey), logsBeside: like.logsBeside, tracesDir: like.tracesDir, traces: like.traces, ollamaHost: like.ollamaHost, world: like.world });
  }

  /**
   * Takes in the runs another database file holds (an eval worker's), journals, approvals and vault
   * rows as they are; their audit rows join this database's chain, appended anew in their order.
   */
  adoptRunsFrom(file: string): number {
    return copyRunsFrom(this.db, file, (bodyJcs) => void this.audit.append(JSON.parse(bodyJcs))).runs;
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
