import { Ollama } from 'ollama';
import { EffectFailed } from '../shared/index.ts';
import type { ChatReply, ChatRequest, ModelClient } from '../core/index.ts';

export const DEFAULT_OLLAMA_HOST = 'http://127.0.0.1:11434';

/** The live model client: the official `ollama` package against OLLAMA_HOST. */
export class OllamaModelClient implements ModelClient {
  readonly #digests = new Map<string, Promise<string | undefined>>();

  constructor(
    readonly host: string = process.env.OLLAMA_HOST || DEFAULT_OLLAMA_HOST,
    /** Sent with every request (the run ID, so mocks and proxies can tell runs apart). */
    private readonly headers: Record<string, string> = {},
    /** The transport under the client: Node's fetch, or the workbench's mocks answering in-process. */
    private readonly fetch: typeof globalThis.fetch = (input, init) => globalThis.fetch(input, init),
  ) {}

  async chat(request: ChatRequest, signal?: AbortSignal, timeoutMs?: number): Promise<ChatReply> {
    try {
      const reply = await this.#client(signal).chat({
        model: request.model,
        messages: request.messages.map((m) => ({ ...m, tool_calls: m.tool_calls?.map((c) => ({ function: { ...c.function } })) })),
        tools: request.tools.map((t) => ({ type: 'function', function: { ...t.function, parameters: t.function.parameters as never } })),
        ...(request.format ? { format: request.format } : {}),
        stream: false,
        options: { temperature: 0, seed: 7 },
      });
      return {
        message: {
          role: 'assistant',
          content: reply.message.content ?? '',
          ...(reply.message.tool_calls?.length ? { tool_calls: reply.message.tool_calls.map((c) => ({ function: { name: c.function.name, arguments: c.function.arguments ?? {} } })) } : {}),
        },
        model: reply.model,
        inputTokens: reply.prompt_eval_count ?? 0,
        outputTokens: reply.eval_count ?? 0,
        finishReason: reply.done_reason ?? 'stop',
        ...(reply.total_duration > 0 ? { durationMs: Math.round(reply.total_duration / 1e6) } : {}),
      };
    } catch (error) {
      throw new EffectFailed(classifyOllamaError(error, this.host, request.model, signal, timeoutMs));
    }
  }

  digest(model: string, signal?: AbortSignal): Promise<string | undefined> {
    let found = this.#digests.get(model);
    if (!found) {
      found = this.#client(signal)
        .list()
        .then((list) => list.models.find((m) => m.name === model || m.model === model)?.digest)
        .catch((error: unknown) => {
          this.#digests.delete(model);
          throw new EffectFailed(classifyOllamaError(error, this.host, model, signal));
        });
      this.#digests.set(model, found);
    }
    return found;
  }

  // A client per call, so each request gets its own abort signal; the default fetch is looked up at
  // call time so MSW, which patches globalThis.fetch after import, still answers.
  #client(signal?: AbortSignal): Ollama {
    return new Ollama({ host: this.host, headers: this.headers, fetch: (input, init) => this.fetch(input, { ...init, ...(signal ? { signal } : {}) }) });
  }
}

/** Sorts an Ollama failure into a code and whether retrying can help. */
export function classifyOllamaError(error: unknown, host: string, model: string, signal?: AbortSignal, timeoutMs?: number) {
  const message = error instanceof Error ? error.message : String(error);
  const status = (error as { status_code?: number }).status_code;
  if (signal?.aborted || (error as Error)?.name === 'AbortError') {
    return { code: 'TG_MODEL_TIMEOUT', message: `model call to ${model} timed out`, retryable: true, ...(timeoutMs !== undefined ? { timeoutMs } : {}) };
  }
  if (status === undefined && /fetch failed|ECONNREFUSED|ENOTFOUND|EAI_AGAIN|connect/i.test(`${message} ${String((error as { cause?: unknown }).cause)}`)) {
    return {
      code: 'TG_MODEL_UNAVAILABLE',
      message: `Ollama is not reachable at ${host}: start it with "ollama serve" (and "ollama pull ${model}"), set OLLAMA_HOST, or run offline with --case ID or --script FILE`,
      retryable: false,
    };
  }
  if (status === 404) return { code: 'TG_MODEL_NOT_FOUND', message: `model ${model} is not on the Ollama server at ${host}: run "ollama pull ${model}"`, retryable: false, status };
  if (status === 429 || (status !== undefined && status >= 500)) return { code: 'TG_MODEL_TRANSIENT', message: `Ollama answered ${status}: ${message}`, retryable: true, status };
  return { code: 'TG_MODEL_ERROR', message: `Ollama error${status ? ` ${status}` : ''}: ${message}`, retryable: false, ...(status ? { status } : {}) };
}
