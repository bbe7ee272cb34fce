import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as semconv from '@opentelemetry/semantic-conventions/incubating';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runEval } from '../../src/evals/index.ts';
import { buildTrace } from '../../src/trace/index.ts';
import { Workbench } from '../../src/workbench/index.ts';
import { InputMessages, OutputMessages, SystemInstructions, ToolDefinitions } from '../support/genai-shapes.ts';
import { copyExampleProject } from '../support/mini-project.ts';
import { attrs, ExportTraceServiceRequest, type OtlpSpanT } from '../support/otlp-schema.ts';

// The convention's names, from the official package: every gen_ai.* attribute must be one of them.
const GEN_AI_NAMES = new Set(Object.entries(semconv).filter(([k]) => k.startsWith('ATTR_GEN_AI_')).map(([, v]) => v as string));
const OPERATIONS = new Set(Object.entries(semconv).filter(([k]) => k.startsWith('GEN_AI_OPERATION_NAME_VALUE_')).map(([, v]) => v as string));
const ERROR = 2;

let wb: Workbench;
const traces: { key: string; end: string; spans: OtlpSpanT[] }[] = [];
beforeAll(async () => {
  process.env.OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT = 'true';
  const root = copyExampleProject();
  wb = Workbench.open(root, { dbPath: path.join(root, '.tollgate', 'genai.db') });
  const report = await runEval(wb, { concurrency: 8 });
  for (const c of report.cases) {
    const request = ExportTraceServiceRequest.parse(JSON.parse(readFileSync(wb.traceFile(c.run_id), 'utf8')));
    traces.push({ key: c.key, end: c.end, spans: request.resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans)) });
  }
}, 120_000);
afterAll(async () => {
  delete process.env.OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT;
  await wb?.close();
});

const json = (v: unknown) => JSON.parse(String(v)) as unknown;

describe('GenAI semantic conventions, over every trace the example gold cases produce', () => {
  it('uses only the convention\'s gen_ai.* names and operations, and names spans "{operation} {target}"', () => {
    expect(traces.length).toBeGreaterThan(20);
    for (const { key, spans } of traces) {
      for (const s of spans) {
        const a = attrs(s);
        for (const name of Object.keys(a).filter((k) => k.startsWith('gen_ai.'))) expect(GEN_AI_NAMES.has(name), `${key}: ${s.name}: ${name}`).toBe(true);
        const op = a['gen_ai.operation.name'] as string | undefined;
        if (op === undefined) continue;
        expect(OPERATIONS.has(op), `${key}: ${op}`).toBe(true);
        const target = { chat: a['gen_ai.request.model'], execute_tool: a['gen_ai.tool.name'], invoke_agent: a['gen_ai.agent.name'], invoke_workflow: a['gen_ai.workflow.name'] }[op];
        expect(s.name, key).toBe(`${op} ${target}`);
        expect(a['gen_ai.conversation.id'], `${key}: ${s.name}`).toEqual(expect.any(String));
      }
    }
  });

  it('writes messages, system instructions and tool definitions in the convention\'s JSON shapes', () => {
    let chats = 0;
    let withTools = 0;
    for (const { key, spans } of traces) {
      for (const s of spans.filter((x) => attrs(x)['gen_ai.operation.name'] === 'chat')) {
        const a = attrs(s);
        chats++;
        InputMessages.parse(json(a['gen_ai.input.messages']));
        expect(SystemInstructions.parse(json(a['gen_ai.system_instructions'])).length, key).toBeGreaterThan(0);
        const out = OutputMessages.parse(json(a['gen_ai.output.messages']));
        expect(a['gen_ai.response.finish_reasons'], key).toEqual(out.map((m) => m.finish_reason));
        if (out[0]!.parts.some((p) => p.type === 'tool_call')) expect(out[0]!.finish_reason, key).toBe('tool_call');
        if (a['gen_ai.tool.definitions'] !== undefined) {
          withTools++;
          for (const t of ToolDefinitions.parse(json(a['gen_ai.tool.definitions']))) expect(t.parameters, `${key}: ${t.name}`).toMatchObject({ type: 'object' });
        }
        expect(Number.isInteger(a['gen_ai.usage.input_tokens']) && Number.isInteger(a['gen_ai.usage.output_tokens']), key).toBe(true);
      }
    }
    expect(chats).toBeGreaterThan(20);
    expect(withTools).toBeGreaterThan(0);
  });

  it('puts tollgate\'s own under tollgate.*: cost, policy decisions; errors carry error.type, and a denial or escalation is not an error', () => {
    const ends = new Set<string>();
    for (const { key, end, spans } of traces) {
      for (const s of spans) {
        const a = attrs(s);
        expect(s.status.code === ERROR, `${key}: ${s.name} is an error exactly when it has error.type`).toBe(a['error.type'] !== undefined);
        if (s.name.startsWith('policy ')) expect(a).toMatchObject({ 'tollgate.policy.result': expect.any(String), 'tollgate.tool.name': expect.any(String) });
        if (a['gen_ai.operation.name'] === 'chat') expect(a['tollgate.cost.usd'], key).toEqual(expect.any(Number));
      }
      const root = spans.find((s) => !s.parentSpanId)!;
      ends.add(end);
      if (['denied', 'escalated', 'resolved', 'waiting_approval'].includes(end) || end.startsWith('resolved')) expect(root.status.code, `${key} ended ${end}`).not.toBe(ERROR);
    }
    expect([...ends].some((e) => e === 'denied' || e === 'escalated')).toBe(true);
  });

  it('leaves message content out unless OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT=true: tool definitions keep their names only', () => {
    const content = ['gen_ai.input.messages', 'gen_ai.output.messages', 'gen_ai.system_instructions', 'gen_ai.tool.call.arguments', 'gen_ai.tool.call.result'];
    let definitions = 0;
    for (const { spans } of traces.slice(0, 10)) {
      const runId = attrs(spans.find((s) => !s.parentSpanId)!)['tollgate.run.id'] as string;
      for (const span of buildTrace(wb.recordingOf(runId), {}, { content: false })) {
        for (const name of content) expect(span.attributes[name], `${span.name}: ${name}`).toBeUndefined();
        if (span.attributes['gen_ai.tool.definitions'] === undefined) continue;
        definitions++;
        for (const t of ToolDefinitions.parse(json(span.attributes['gen_ai.tool.definitions']))) expect(Object.keys(t)).toEqual(['type', 'name']);
      }
    }
    expect(definitions).toBeGreaterThan(0);
  });
});
