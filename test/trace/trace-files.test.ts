import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import type { Workbench } from '../../src/workbench/index.ts';
import { attrs, ExportTraceServiceRequest, type OtlpSpanT } from '../support/otlp-schema.ts';
import { openMini, startRefund } from '../support/workbench.ts';

let wb: Workbench;
afterEach(async () => wb?.close());

function loadTrace(file: string): OtlpSpanT[] {
  const request = ExportTraceServiceRequest.parse(JSON.parse(readFileSync(file, 'utf8')));
  return request.resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans));
}

describe('trace files (OTLP JSON)', () => {
  it('a run writes traces/<run-id>.json: one trace, a span tree with GenAI attributes', async () => {
    process.env.OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT = 'true';
    onTestFinished(() => void delete process.env.OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT);
    wb = openMini();
    const run = await startRefund(wb, 'O-2');
    await wb.decide(wb.approvals.list({ status: 'pending' })[0]!.approvalId, 'bob', 'approve');
    const spans = loadTrace(wb.traceFile(run.runId));
    const byId = new Map(spans.map((s) => [s.spanId, s]));
    expect(new Set(spans.map((s) => s.traceId)).size).toBe(1);
    const roots = spans.filter((s) => !s.parentSpanId);
    expect(roots.map((s) => s.name)).toEqual(['invoke_workflow refund']);
    for (const s of spans) if (s.parentSpanId) expect(byId.has(s.parentSpanId), `${s.name} has a parent in the trace`).toBe(true);
    const parentName = (s: OtlpSpanT) => byId.get(s.parentSpanId!)!.name;

    expect(attrs(roots[0]!)).toMatchObject({
      'gen_ai.operation.name': 'invoke_workflow', 'gen_ai.workflow.name': 'refund', 'gen_ai.conversation.id': run.correlationId,
      'tollgate.run.id': run.runId, 'tollgate.environment': 'dev', 'tollgate.trigger.type': 'event', 'tollgate.run.outcome': 'resolved', 'tollgate.tool_calls_total': 4,
    });
    expect(spans.filter((s) => s.parentSpanId === roots[0]!.spanId).map((s) => s.name)).toEqual(['step triage', 'step lookup', 'step refund', 'step notify', 'step done']);

    const agent = spans.find((s) => s.name === 'invoke_agent triage')!;
    expect(parentName(agent)).toBe('step triage');
    expect(attrs(agent)).toMatchObject({ 'gen_ai.operation.name': 'invoke_agent', 'gen_ai.agent.name': 'triage', 'gen_ai.provider.name': 'ollama' });

    const chats = spans.filter((s) => s.name === 'chat llama3.2:3b');
    expect(chats).toHaveLength(2);
    for (const chat of chats) {
      expect(chat.kind).toBe(3); // CLIENT
      expect(parentName(chat)).toBe('invoke_agent triage');
      const a = attrs(chat);
      expect(a).toMatchObject({ 'gen_ai.operation.name': 'chat', 'gen_ai.request.model': 'llama3.2:3b', 'gen_ai.response.model': 'llama3.2:3b', 'gen_ai.conversation.id': run.correlationId });
      expect(a['gen_ai.usage.input_tokens']).toBeGreaterThan(0);
      expect(a['gen_ai.usage.output_tokens']).toBeGreaterThan(0);
      expect(a['tollgate.cost.usd']).toBeGreaterThan(0);
      // Content (captured on request) carries tollgate's placeholders, never the raw values.
      expect(JSON.parse(String(a['gen_ai.input.messages']))[0]).toMatchObject({ role: 'user', parts: [{ type: 'text', content: expect.stringContaining('<EMAIL_ADDRESS_1>') }] });
      expect(JSON.parse(String(a['gen_ai.system_instructions']))[0]).toMatchObject({ type: 'text', content: expect.stringContaining('triage') });
    }
    // The first reply calls orders.get, the second answers.
    expect(chats.map((c) => attrs(c)['gen_ai.response.finish_reasons'])).toEqual([['tool_call'], ['stop']]);
    expect(JSON.parse(String(attrs(chats[0]!)['gen_ai.output.messages']))[0]).toMatchObject({ role: 'assistant', finish_reason: 'tool_call', parts: [{ type: 'tool_call', name: 'orders.get' }] });
    const tools = spans.filter((s) => s.name.startsWith('execute_tool '));
    expect(tools.map((s) => [s.name, parentName(s)])).toEqual([
      ['execute_tool orders.get', 'invoke_agent triage'],
      ['execute_tool orders.get', 'step lookup'],
      ['execute_tool refunds.create', 'step refund'],
      ['execute_tool email.send', 'step notify'],
    ]);
    expect(attrs(tools[2]!)).toMatchObject({ 'gen_ai.tool.name': 'refunds.create', 'gen_ai.operation.name': 'execute_tool', 'tollgate.idempotency_key': `${run.runId}:refund`, 'http.response.status_code': 200 });

    const guard = spans.find((s) => s.name === 'policy refunds.create')!;
    expect(attrs(guard)).toMatchObject({ 'tollgate.policy.result': 'require_approval', 'tollgate.policy.id': 'support', 'tollgate.policy.version': '2', 'tollgate.policy.rule_id': 'refund-approval', 'tollgate.tool.name': 'refunds.create' });
    const approval = spans.find((s) => s.name === 'await_approval refund')!;
    expect(attrs(approval)).toMatchObject({ 'tollgate.approval.status': 'approved', 'tollgate.approval.approvers': ['bob'], 'tollgate.approval.required': 1 });
    for (const s of spans) expect(BigInt(s.endTimeUnixNano) >= BigInt(s.startTimeUnixNano)).toBe(true);
  });

  it('errors set span status', async () => {
    wb = openMini();
    const run = await startRefund(wb, 'O-1', { faults: [{ tool: 'refunds.create', status: 400, times: 1 }] });
    const spans = loadTrace(wb.traceFile(run.runId));
    const failed = spans.find((s) => s.name === 'execute_tool refunds.create')!;
    expect(failed.status).toEqual({ code: 2, message: 'HTTP 400: injected fault: 400' });
    expect(attrs(failed)['error.type']).toBe('TG_TOOL_REJECTED');
    expect(spans.find((s) => !s.parentSpanId)!.status.code).toBe(2);
  });
});
