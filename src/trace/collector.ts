import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';

/**
 * Sends spans to the collector named by OTEL_EXPORTER_OTLP_ENDPOINT (standard OTLP/HTTP exporter);
 * a no-op when it is unset. Failures are reported, never thrown: tracing must not fail a run.
 */
export async function exportToCollector(spans: readonly ReadableSpan[]): Promise<string | undefined> {
  if (!process.env.OTEL_EXPORTER_OTLP_ENDPOINT && !process.env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) return undefined;
  const exporter = new OTLPTraceExporter();
  const result = await new Promise<{ code: number; error?: Error }>((resolve) => exporter.export([...spans], resolve));
  await exporter.shutdown();
  return result.code === 0 ? undefined : `OTLP export failed: ${result.error?.message ?? 'unknown error'}`;
}
