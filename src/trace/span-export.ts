import type { ExportResult } from '@opentelemetry/core';
import type { BatchSpanProcessor, ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';
import { otlpTarget, redactUrl } from './otlp-target.ts';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Spans on their way to an OTLP collector, in the background: the official exporter
 * (http/protobuf or http/json) behind the SDK's batch processor (OTEL_BSP_* apply). A run never
 * waits for the collector; `close()` waits for what is queued, at most the export timeout
 * (OTEL_EXPORTER_OTLP_TIMEOUT, 10 s by default). A failure is a warning naming the endpoint, once.
 */
export class SpanExport {
  readonly #processor: Promise<BatchSpanProcessor>;
  readonly #url: string;
  readonly #timeoutMs: number;
  readonly #warn: (message: string) => void;
  #failures = 0;

  private constructor(target: { protocol: 'http/protobuf' | 'http/json'; url: string }, env: Env, warn: (message: string) => void) {
    this.#url = redactUrl(target.url);
    this.#timeoutMs = Number(env.OTEL_EXPORTER_OTLP_TRACES_TIMEOUT ?? env.OTEL_EXPORTER_OTLP_TIMEOUT) || 10_000;
    this.#warn = warn;
    this.#processor = processorFor(target, (error) => this.#failed(error));
    // An exporter that cannot load is a failure like any other: said once, never thrown at a run.
    this.#processor.catch((error: Error) => this.#failed(error));
  }

  /** The export the environment asks for; undefined when no endpoint is set (a misconfiguration is warned about). */
  static fromEnv(env: Env, warn: (message: string) => void): SpanExport | undefined {
    const target = otlpTarget(env);
    if (!target) return undefined;
    if ('problem' in target) return void warn(target.problem);
    return new SpanExport(target, env, warn);
  }

  send(spans: readonly ReadableSpan[]): void {
    void this.#processor.then((p) => spans.forEach((span) => p.onEnd(span)), () => undefined);
  }

  /** Waits for the queued spans to be sent (or to fail), at most the export timeout and a second. */
  async close(): Promise<void> {
    const processor = await this.#processor.catch(() => undefined);
    if (!processor) return;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), this.#timeoutMs + 1000)));
    // A failed last batch has been reported by the exporter already; its rejection here says nothing new.
    const flushed = await Promise.race([processor.shutdown().then(() => 'done' as const, () => 'done' as const), late]);
    clearTimeout(timer);
    if (flushed === 'late') this.#warn(`spans for ${this.#url} were still on their way after ${Math.round((this.#timeoutMs + 1000) / 1000)} s; not waiting longer`);
    if (this.#failures > 1) this.#warn(`${this.#failures} span exports to ${this.#url} failed in all`);
  }

  #failed(error: Error | undefined): void {
    if (++this.#failures === 1) this.#warn(`could not export spans to ${this.#url}: ${error?.message ?? 'unknown error'}. Runs are unaffected; their trace files are in .tollgate/traces`);
  }
}

/** The batch processor over the protocol's official exporter, loaded when spans are first exported (CLI start stays lean). */
async function processorFor(target: { protocol: 'http/protobuf' | 'http/json'; url: string }, onFailure: (error: Error | undefined) => void): Promise<BatchSpanProcessor> {
  const [{ BatchSpanProcessor }, exporter] = await Promise.all([
    import('@opentelemetry/sdk-trace-base'),
    target.protocol === 'http/json'
      ? import('@opentelemetry/exporter-trace-otlp-http').then((m) => new m.OTLPTraceExporter({ url: target.url }))
      : import('@opentelemetry/exporter-trace-otlp-proto').then((m) => new m.OTLPTraceExporter({ url: target.url })),
  ]);
  return new BatchSpanProcessor(reporting(exporter, onFailure));
}

/** The exporter, telling `onFailure` of every export that did not succeed. */
function reporting(exporter: SpanExporter, onFailure: (error: Error | undefined) => void): SpanExporter {
  return {
    export: (spans, done) => exporter.export(spans, (result: ExportResult) => {
      if (result.code !== 0) onFailure(result.error);
      done(result);
    }),
    shutdown: () => exporter.shutdown(),
    forceFlush: () => exporter.forceFlush?.() ?? Promise.resolve(),
  };
}
