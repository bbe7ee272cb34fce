import { SpanKind, SpanStatusCode, TraceFlags, createTraceState } from '@opentelemetry/api';
import { JsonTraceSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { afterEach, describe, expect, it } from 'vitest';
import { buildTrace } from '../../src/trace/index.ts';
import { otlpJson } from '../../src/trace/otlp-json.ts';
import { SpanRecord } from '../../src/trace/span-record.ts';
import path from 'node:path';
import { runEval } from '../../src/evals/index.ts';
import { Workbench } from '../../src/workbench/index.ts';
import { copyExampleProject } from '../support/mini-project.ts';

/**
 * What the official OpenTelemetry serializer writes for the same spans, with its integer attribute
 * values as the exact decimal strings the protobuf JSON mapping asks for (it writes JSON numbers,
 * shortened past 2^53).
 */
const official = (spans: readonly ReadableSpan[]) => new TextDecoder().decode(JsonTraceSerializer.serializeRequest([...spans])).replace(/"intValue":(-?\d+)/g, (_, n: string) => `"intValue":"${BigInt(Number(n))}"`);

let wb: Workbench | undefined;
afterEach(async () => {
  await wb?.close();
  wb = undefined;
});

describe('OTLP JSON writer', () => {
  it("writes, byte for byte, what the official serializer writes for every gold case's trace of the example project", async () => {
    const root = copyExampleProject();
    wb = Workbench.open(root, { dbPath: path.join(root, '.tollgate', 'otlp.db'), traces: false });
    const report = await runEval(wb, { concurrency: 16 });
    expect(report.cases.length).toBeGreaterThan(20);
    for (const c of report.cases) {
      const spans = buildTrace(wb.recordingOf(c.run_id), wb.definitions.project!.value.models.prices);
      expect(otlpJson(spans), c.key).toBe(official(spans));
    }
  }, 120_000);

  it('and for spans with what tollgate never writes itself: links, remote parents, trace state, other resources and scopes, odd values', () => {
    const resource = resourceFromAttributes({ 'service.name': 'a', n: 1.5, list: [1, 2], flag: true });
    const other = Object.assign(resourceFromAttributes({ 'service.name': 'b' }), {});
    const scope = { name: 's', version: '1' };
    const spans: SpanRecord[] = [];
    const collect = (s: SpanRecord) => void spans.push(s);
    const parent = { traceId: 'a'.repeat(32), spanId: 'b'.repeat(16), traceFlags: TraceFlags.SAMPLED, isRemote: true, traceState: createTraceState('k=v') };
    const one = new SpanRecord({ name: 'one "quoted" \u2028', kind: SpanKind.SERVER, context: { ...parent, spanId: 'c'.repeat(16), isRemote: false }, parent, startMs: 1_700_000_000_123, resource, scope }, {
      s: 'x', i: 42, d: 0.25, neg: -7, big: 2 ** 60, b: false, arr: ['a', 'b'], nums: [1, 2.5], bytes: new Uint8Array([1, 2, 255]) as never, nan: Number.NaN,
    }, collect);
    one.addEvent('e', { k: 'v' }, 1_700_000_000_124);
    one.addLink({ context: { traceId: 'd'.repeat(32), spanId: 'e'.repeat(16), traceFlags: 0, isRemote: true }, attributes: { why: 'replay' } });
    one.setStatus({ code: SpanStatusCode.ERROR, message: 'boom' });
    one.end(1_700_000_000_200);
    const two = new SpanRecord({ name: 'two', kind: SpanKind.INTERNAL, context: { traceId: 'f'.repeat(32), spanId: '1'.repeat(16), traceFlags: 0 }, parent: undefined, startMs: 999, resource: other, scope: { name: 't', version: '2' } }, {}, collect);
    two.end(5); // before its start: lasts 0 ms
    const three = new SpanRecord({ name: 'three', kind: SpanKind.CLIENT, context: { traceId: 'f'.repeat(32), spanId: '2'.repeat(16), traceFlags: 1 }, parent: undefined, startMs: 0, resource, scope: { name: 't', version: '2' } }, {}, collect);
    three.end(0);
    expect(otlpJson(spans)).toBe(official(spans));
    expect(otlpJson(spans)).toContain('{"key":"big","value":{"intValue":"1152921504606846976"}}');
    expect(two.endTime).toEqual(two.startTime);
  });
});
