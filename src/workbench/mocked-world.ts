import type { RunSetup, RunTransports, RunWorld } from '../host/index.ts';
import { OllamaModelClient, RUN_HEADER } from '../models/index.ts';
import { EffectFailed, timeoutOn, TollgateError, WaitSkippingClock, type Clock } from '../shared/index.ts';
import { sendToolRequest } from '../tools/index.ts';
import type { Definitions } from '../workflow/index.ts';
import { faultsLeft } from './faults-left.ts';
import { WorkbenchMocks } from './mocks.ts';
import { ModelScripts } from './model-scripts.ts';
import type { World } from './world.ts';

/**
 * The workbench's world: the project's tools mocked in-process (or served by a test's tool server),
 * models scripted per run or at Ollama, faults injected as a gold case asks.
 */
export class MockedWorld implements RunWorld {
  readonly runsSnapshots = true;
  #mocks: Promise<WorkbenchMocks> | undefined;
  /** The mocks once started (released runs let go of their state synchronously). */
  #started: WorkbenchMocks | undefined;
  readonly #scripts: ModelScripts;

  constructor(
    private readonly world: World,
    private readonly root: string,
    private readonly definitions: Definitions,
    private readonly ollamaHost: string,
  ) {
    this.#scripts = new ModelScripts(root);
  }

  async ready(start: { readonly workflow: string; readonly script?: string }): Promise<void> {
    if (start.script) this.#scripts.load(start.script);
    else await this.#preflightOllama(start.workflow);
    // The mocked world loads before the run exists: a mock that fails leaves no run behind.
    await this.mocks();
  }

  clockFor(base: Clock): Clock {
    // In the in-process mocked world nothing happens while a run waits: its waits are skipped.
    return this.world.kind === 'mocked' ? new WaitSkippingClock(base) : base;
  }

  async enter(run: RunSetup, clock: Clock): Promise<RunTransports> {
    const mocks = await this.mocks();
    mocks.register(run.runId, { clock, ...(run.script ? { script: this.#scripts.load(run.script) } : {}), ...(run.faults ? { faults: faultsLeft(run.faults, run.journal()) } : {}) });
    const rewrite = this.#rewrite();
    return {
      tools: (call) => sendToolRequest(call, rewrite, rewrite ? undefined : mocks.fetch, (ms) => timeoutOn(clock, ms)),
      model: new OllamaModelClient(this.ollamaHost, { [RUN_HEADER]: run.runId }, mocks.fetch),
    };
  }

  leave(runId: string): void {
    if (!(this.world.kind === 'mocked' && this.world.keepState)) this.#started?.release(runId);
  }

  /** The in-process mocks (started on first use). */
  mocks(): Promise<WorkbenchMocks> {
    const models = this.definitions.project!.value.models;
    const named = this.definitions.workflows.flatMap((w) => Object.values(w.value.agents).flatMap((a) => ('name' in a.model ? [a.model.name] : [])));
    this.#mocks ??= WorkbenchMocks.start(this.root, this.definitions.tools.map((t) => t.value), this.ollamaHost, [models.default, ...Object.values(models.routes), ...named]).then((m) => (this.#started = m));
    return this.#mocks;
  }

  /** Stops intercepting tool and model requests (they start again on the next run). */
  async close(): Promise<void> {
    const mocks = await this.#mocks?.catch(() => undefined);
    this.#mocks = undefined;
    this.#started = undefined;
    mocks?.close();
  }

  /** Tool URLs as a test's tool server takes them; undefined: the in-process mocks answer them as they are. */
  #rewrite(): ((url: string) => string) | undefined {
    if (this.world.kind !== 'tool-server') return undefined;
    const origin = this.world.origin;
    return (url) => {
      const u = new URL(url);
      return `${origin}/${u.host}${u.pathname}${u.search}`;
    };
  }

  /** A run without a script talks to Ollama: it fails fast, before anything is written, when Ollama cannot be reached. */
  async #preflightOllama(workflowId: string): Promise<void> {
    const wf = this.definitions.workflows.find((w) => w.value.id === workflowId)?.value;
    if (!wf || Object.keys(wf.agents).length === 0) return;
    await this.mocks(); // so a scripted run in this process and a live one share the same interception
    try {
      await new OllamaModelClient(this.ollamaHost).digest(this.definitions.project!.value.models.default, AbortSignal.timeout(5_000));
    } catch (error) {
      if (error instanceof EffectFailed) throw new TollgateError('TG_MODEL_UNAVAILABLE', error.failure.message);
      throw error;
    }
  }
}
