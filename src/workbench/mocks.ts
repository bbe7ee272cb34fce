import path from 'node:path';
import { getResponse, http, HttpResponse, type HttpHandler } from 'msw';
import { setupServer } from 'msw/node';
import { ModelScriptSchema, RUN_HEADER, scriptedOllamaHandlers, type ModelScript } from '../models/index.ts';
import { parseDuration, systemClock, type Clock } from '../shared/index.ts';
import type { GoldCase, ToolConnector } from '../workflow/index.ts';
import { readConfigFile } from '../project/index.ts';
import { loadMocks, type ToolWorld, type WorldFactory } from '../mocks/index.ts';

/** A request as it reached the mocked tools: what tests assert on. */
export interface ToolRequestLog {
  readonly tool: string | undefined;
  readonly method: string;
  readonly url: string;
  readonly idempotencyKey: string | null;
  readonly body: unknown;
}

// Node's own Request, taken before MSW starts listening: listening wraps the global one in a proxy
// that inspects every construction (a third of a direct mocked call's cost), which requests that never
// reach Node's HTTP stack do not need.
const NativeRequest = globalThis.Request;

interface RunMocks {
  /** Built on registration; awaited by the first request (a factory may be async). */
  readonly world: Promise<ToolWorld>;
  readonly requests: ToolRequestLog[];
  readonly modelRequests: unknown[];
  readonly script?: ModelScript;
  readonly faults: { tool: string; status?: number; delayMs?: number; left: number }[];
  /** The run's clock: injected delays wait on it (a WaitSkippingClock skips them). */
  readonly clock?: Clock;
}

/**
 * The workbench's mocked world, served by MSW in-process: tool connectors answered by the
 * project's stateful tool world (one per run), and optionally Ollama answered from a script.
 */
export class WorkbenchMocks {
  readonly #runs = new Map<string, RunMocks>();
  readonly #server: ReturnType<typeof setupServer>;
  readonly #handlers: HttpHandler[];
  readonly #toolOrigins: ReadonlySet<string>;

  private constructor(
    private readonly createWorld: WorldFactory,
    private readonly connectors: readonly ToolConnector[],
    ollamaHost: string | undefined,
    models: readonly string[],
  ) {
    const handlers: HttpHandler[] = [];
    if (ollamaHost) {
      // Every body sent to the (scripted) model is kept per run, so tests can prove what it saw.
      handlers.push(http.post(`${ollamaHost.replace(/\/$/, '')}/api/chat`, async ({ request }) => {
        const runs = this.#runs.get(request.headers.get(RUN_HEADER) ?? '');
        if (runs?.script) runs.modelRequests.push(await request.clone().json());
        return undefined;
      }));
      handlers.push(...scriptedOllamaHandlers(ollamaHost, (runId) => (runId ? this.#runs.get(runId)?.script : undefined), models));
    }
    this.#toolOrigins = new Set(connectors.map((c) => new URL(c.http.url.replace(/\{[^}]+\}/g, 'x')).origin));
    for (const origin of this.#toolOrigins) handlers.push(http.all(`${origin}/*`, ({ request }) => this.#answerTool(request)));
    this.#handlers = handlers;
    this.#server = setupServer(...handlers);
    this.#server.listen({ onUnhandledRequest: 'bypass' });
  }

  /** Loads the project's `fixtures/tools/index.{js,mjs,ts,mts}` and starts intercepting. */
  static async start(root: string, connectors: readonly ToolConnector[], ollamaHost?: string, models: readonly string[] = []): Promise<WorkbenchMocks> {
    return new WorkbenchMocks(await loadMocks(root), connectors, ollamaHost, models);
  }

  /**
   * The same handlers, called directly: what the workbench's own tool and model clients use, so a
   * run's requests skip intercepting Node's HTTP stack (most of a mocked call's cost). A request no
   * handler answers, or one a handler passes through (a model without a script), goes to the
   * network as with interception. An abort rejects at once, as fetch does.
   */
  readonly fetch: typeof globalThis.fetch = async (input, init) => {
    const request = new NativeRequest(input, init);
    const signal = request.signal;
    signal.throwIfAborted();
    const aborted = new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true }));
    aborted.catch(() => undefined);
    // A tool's origin is answered by its world, as the catch-all handler for it would.
    // (No copy of it: nothing passes a tool request through.)
    const answer = this.#toolOrigins.has(new URL(request.url).origin) ? this.#answerTool(request) : getResponse(this.#handlers, request.clone());
    const response = await Promise.race([answer, aborted]);
    if (!response || response.headers.get('x-msw-intention') === 'passthrough') return globalThis.fetch(request);
    return response;
  };

  /** Gives a run its own fresh world, its model script and its injected faults. */
  register(runId: string, options: { script?: ModelScript; faults?: GoldCase['faults']; clock?: Clock } = {}): void {
    if (this.#runs.has(runId)) return;
    const faults = (options.faults ?? []).map((f) => ({ tool: f.tool, ...(f.status ? { status: f.status } : {}), ...(f.delay ? { delayMs: parseDuration(f.delay) ?? 0 } : {}), left: f.times }));
    const world = this.createWorld({ runId });
    world.catch(() => undefined); // reported to the first request, not as an unhandled rejection
    this.#runs.set(runId, { world, requests: [], modelRequests: [], faults, ...(options.script ? { script: options.script } : {}), ...(options.clock ? { clock: options.clock } : {}) });
  }

  /** Requests that reached the tools for a run, in order (faulted ones included). */
  requests(runId: string): readonly ToolRequestLog[] {
    return this.#runs.get(runId)?.requests ?? [];
  }

  /** Chat request bodies the scripted model received for a run. */
  modelRequests(runId: string): readonly unknown[] {
    return this.#runs.get(runId)?.modelRequests ?? [];
  }

  release(runId: string): void {
    this.#runs.delete(runId);
  }

  close(): void {
    this.#server.close();
  }

  async #answerTool(request: Request): Promise<Response> {
    const runId = request.headers.get(RUN_HEADER) ?? '';
    const mocks = this.#runs.get(runId);
    if (!mocks) return HttpResponse.json({ error: `no mocked world for run ${runId || '(no run header)'}` }, { status: 500 });
    const tool = this.connectors.find((c) => matchesConnector(c, request));
    const text = await request.clone().text();
    mocks.requests.push({ tool: tool?.name, method: request.method, url: request.url, idempotencyKey: request.headers.get('idempotency-key'), body: text ? JSON.parse(text) : null });
    const fault = tool && mocks.faults.find((f) => f.tool === tool.name && f.left > 0);
    if (fault) {
      fault.left--;
      // Ends early when the caller aborts (a timeout), so no timer outlives the run.
      if (fault.delayMs) await (mocks.clock ?? systemClock).sleep(fault.delayMs, request.signal).catch(() => undefined);
      if (fault.status) return HttpResponse.json({ error: `injected fault: ${fault.status}` }, { status: fault.status });
    }
    let world: ToolWorld;
    try {
      world = await mocks.world;
    } catch (error) {
      return HttpResponse.json({ error: `the mocked world of run ${runId} could not be built: ${(error as Error).message}` }, { status: 500 });
    }
    return world.handle(request);
  }
}

function matchesConnector(c: ToolConnector, request: Request): boolean {
  if (c.http.method !== request.method) return false;
  // Escape everything but the {placeholders}, which then match one path segment each.
  const pattern = c.http.url.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/?]+');
  return new RegExp(`^${pattern}$`).test(request.url.split('?')[0]!);
}

/** Reads a scripted model file; its errors name the file. */
export function loadModelScript(root: string, relativePath: string): ModelScript {
  return readConfigFile(path.resolve(root, relativePath), relativePath, ModelScriptSchema, 'TG_MODEL_SCRIPT_INVALID');
}
