import { createRequire } from 'node:module';
import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Workbench } from '../../src/workbench/index.ts';
import { traceIdFor } from '../../src/trace/index.ts';
import { attrs, ExportTraceServiceRequest } from '../support/otlp-schema.ts';
import { openMini, startRefund } from '../support/workbench.ts';

// The official OTLP protobuf definitions, compiled by protobufjs into the OpenTelemetry transformer
// (its last release that shipped them decodes as well as encodes): the receiver reads what a
// collector would, not what tollgate meant to send.
const root = createRequire(import.meta.url)('otlp-transformer-decoder/build/src/generated/root.js');
const RequestType = root.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;

interface Received { path: string; type: string; body: Buffer }

/** A local OTLP/HTTP receiver answering every request with `status`. */
async function receiver(status = 200): Promise<{ url: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c)).on('end', () => {
      received.push({ path: req.url ?? '', type: String(req.headers['content-type']), body: Buffer.concat(chunks) });
      res.writeHead(status, { 'content-type': 'application/json' }).end(status === 200 ? '{}' : '{"code":3,"message":"refused by the test"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, received, server };
}

/** The spans of a protobuf request body, in the OTLP/JSON shape (hex IDs, typed values). */
function decodeSpans(body: Buffer) {
  const message = RequestType.toObject(RequestType.decode(body), { longs: String, bytes: String, defaults: false });
  const hex = (b64: string) => Buffer.from(b64, 'base64').toString('hex');
  return (message.resourceSpans as any[]).flatMap((r) => (r.scopeSpans as any[]).flatMap((s) => (s.spans as any[]).map((span) => ({ ...span, traceId: hex(span.traceId), spanId: hex(span.spanId), ...(span.parentSpanId ? { parentSpanId: hex(span.parentSpanId) } : {}) }))));
}

const OTLP_VARIABLES = ['OTEL_EXPORTER_OTLP_ENDPOINT', 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', 'OTEL_EXPORTER_OTLP_PROTOCOL', 'OTEL_EXPORTER_OTLP_TRACES_PROTOCOL', 'OTEL_EXPORTER_OTLP_TIMEOUT'];
let wb: Workbench | undefined;
let servers: Server[] = [];
let warnings: string[] = [];

beforeEach(() => {
  warnings = [];
  const write = process.stderr.write.bind(process.stderr);
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: any, ...rest: any[]) => {
    if (String(chunk).startsWith('tollgate: ')) return void warnings.push(String(chunk)), true;
    return write(chunk, ...rest);
  });
});
afterEach(async () => {
  await wb?.close();
  wb = undefined;
  vi.restoreAllMocks();
  for (const v of OTLP_VARIABLES) delete process.env[v];
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  servers = [];
});

async function runWith(env: Record<string, string>) {
  Object.assign(process.env, env);
  wb = openMini();
  const run = await startRefund(wb, 'O-1');
  const traceFile = wb.traceFile(run.runId);
  const logFile = path.join(wb.root, '.tollgate', 'logs', 'tollgate.jsonl');
  await wb.close(); // waits for the spans on their way
  wb = undefined;
  return { run, traceFile, logFile };
}

describe('OTLP export to a collector', () => {
  it('sends http/protobuf by default, to <endpoint>/v1/traces: the same spans as the trace file, decoded with the official definitions', async () => {
    const collector = await receiver();
    servers.push(collector.server);
    const { run, traceFile } = await runWith({ OTEL_EXPORTER_OTLP_ENDPOINT: `${collector.url}/` });
    expect(collector.received.map((r) => [r.path, r.type])).toEqual([['/v1/traces', 'application/x-protobuf']]);
    const sent = decodeSpans(collector.received[0]!.body);
    const written = ExportTraceServiceRequest.parse(JSON.parse(readFileSync(traceFile, 'utf8'))).resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans));
    expect(new Set(sent.map((s) => s.traceId))).toEqual(new Set([traceIdFor(run.runId)]));
    expect(sent.map((s) => [s.spanId, s.parentSpanId, s.name, s.startTimeUnixNano, s.endTimeUnixNano]).sort()).toEqual(written.map((s) => [s.spanId, s.parentSpanId, s.name, s.startTimeUnixNano, s.endTimeUnixNano]).sort());
    // Without content capture the journal (the trace file's events, for replay) stays on this machine.
    expect(written.find((s) => !s.parentSpanId)!.events!.length).toBeGreaterThan(0);
    expect(sent.flatMap((s) => s.events ?? [])).toEqual([]);
    const chat = sent.find((s) => s.name.startsWith('chat '))!;
    const chatAttrs = Object.fromEntries((chat.attributes as { key: string; value: Record<string, unknown> }[]).map((a) => [a.key, a.value]));
    expect(chatAttrs['gen_ai.operation.name']).toEqual({ stringValue: 'chat' });
    // Token counts travel as integers (int64), not doubles or strings.
    expect(chatAttrs['gen_ai.usage.input_tokens']).toEqual({ intValue: String(attrs(written.find((s) => s.spanId === chat.spanId)!)['gen_ai.usage.input_tokens']) });
    expect(warnings).toEqual([]);
  });

  it('sends http/json when asked; the _TRACES_ variables win over the general ones, and a traces endpoint is used as it is', async () => {
    const general = await receiver();
    const traces = await receiver();
    servers.push(general.server, traces.server);
    const { run } = await runWith({
      OTEL_EXPORTER_OTLP_ENDPOINT: general.url, OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `${traces.url}/ingest/otlp`, OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/json',
    });
    expect(general.received).toEqual([]);
    expect(traces.received.map((r) => [r.path, r.type])).toEqual([['/ingest/otlp', 'application/json']]);
    const request = ExportTraceServiceRequest.parse(JSON.parse(traces.received[0]!.body.toString('utf8')));
    expect(request.resourceSpans[0]!.scopeSpans[0]!.spans.find((s) => !s.parentSpanId)).toMatchObject({ name: 'invoke_workflow refund', traceId: traceIdFor(run.runId) });
  });

  it('a collector that refuses: one warning naming the endpoint, on stderr and in the log; the run is unaffected', async () => {
    const collector = await receiver(400);
    servers.push(collector.server);
    const { run, logFile } = await runWith({ OTEL_EXPORTER_OTLP_ENDPOINT: collector.url });
    expect(run.status).toBe('completed');
    expect(collector.received).toHaveLength(1);
    expect(warnings, warnings.join('')).toHaveLength(1);
    expect(warnings[0]).toContain(`could not export spans to ${collector.url}/v1/traces`);
    const logged = readFileSync(logFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { level: number; msg: string });
    expect(logged.filter((l) => l.level === 40).map((l) => l.msg)).toEqual([warnings[0]!.replace(/^tollgate: /, '').trimEnd()]);
  });

  it('an unreachable collector: the run ends as without one; closing waits at most the export timeout and says so', async () => {
    const gone = await receiver();
    await new Promise((resolve) => gone.server.close(resolve)); // nothing listens on that port any more
    const { run } = await runWith({ OTEL_EXPORTER_OTLP_ENDPOINT: `http://user:secret@${gone.url.slice('http://'.length)}?token=x`, OTEL_EXPORTER_OTLP_TIMEOUT: '300' });
    expect(run.status).toBe('completed');
    // Refused at once, or (on a loaded machine) still retrying when the wait ends: either way the endpoint is named.
    expect(warnings.length).toBeGreaterThanOrEqual(1);
    expect(warnings[0]).toMatch(/^tollgate: (could not export spans to|spans for) /);
    expect(warnings[0]).toContain(`${gone.url}/v1/traces`);
    expect(warnings.join('')).not.toMatch(/secret|token=/);
  });

  it('grpc (or any other protocol) is a warning, once, and nothing is sent; trace files are still written', async () => {
    const collector = await receiver();
    servers.push(collector.server);
    const { traceFile } = await runWith({ OTEL_EXPORTER_OTLP_ENDPOINT: collector.url, OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' });
    expect(collector.received).toEqual([]);
    expect(warnings).toEqual(['tollgate: OTEL_EXPORTER_OTLP_PROTOCOL=grpc: tollgate exports OTLP over HTTP only; set http/protobuf (the default) or http/json. Spans are not exported (trace files are still written)\n']);
    expect(readFileSync(traceFile, 'utf8')).toContain('invoke_workflow refund');
  });
});
