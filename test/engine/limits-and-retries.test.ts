import { afterEach, describe, expect, it } from 'vitest';
import type { Workbench } from '../../src/workbench/index.ts';
import { MINI_FILES } from '../support/mini-project.ts';
import { openMini, startRefund, toolRequests } from '../support/workbench.ts';

let wb: Workbench;
afterEach(async () => wb?.close());

const withLimits = (limits: string) => ({ 'workflows/refund.yaml': MINI_FILES['workflows/refund.yaml']!.replace('limits: { step_timeout: 2s }', `limits: { ${limits} }`) });

describe('retries: transient failures only', () => {
  it('retries a 503 with the same idempotency key, then succeeds', async () => {
    wb = openMini();
    const run = await startRefund(wb, 'O-1', { faults: [{ tool: 'refunds.create', status: 503, times: 2 }] });
    expect(run.endState).toBe('resolved');
    const refunds = (await toolRequests(wb, run.runId)).filter((r) => r.tool === 'refunds.create');
    expect(refunds).toHaveLength(3);
    expect(new Set(refunds.map((r) => r.idempotencyKey))).toEqual(new Set([`${run.runId}:refund`]));
    const attempts = wb.journal(run.runId).filter((r) => r.kind === 'tool.started' && r.stepKey === 'refund').map((r) => r.attempt);
    expect(attempts).toEqual([1, 2, 3]);
  });

  it('retries a 429', async () => {
    wb = openMini();
    const run = await startRefund(wb, 'O-1', { faults: [{ tool: 'orders.get', status: 429, times: 1 }] });
    expect(run.endState).toBe('resolved');
  });

  it('gives up after maximum_attempts of a transient failure and fails the run', async () => {
    wb = openMini();
    const run = await startRefund(wb, 'O-1', { faults: [{ tool: 'refunds.create', status: 502, times: 5 }] });
    expect(run.status).toBe('failed');
    expect(run.reason).toContain('HTTP 502');
    expect((await toolRequests(wb, run.runId)).filter((r) => r.tool === 'refunds.create')).toHaveLength(3);
  });

  it('never retries a 400', async () => {
    wb = openMini();
    const run = await startRefund(wb, 'O-1', { faults: [{ tool: 'refunds.create', status: 400, times: 1 }] });
    expect(run.status).toBe('failed');
    expect(run.reason).toContain('HTTP 400');
    expect((await toolRequests(wb, run.runId)).filter((r) => r.tool === 'refunds.create')).toHaveLength(1);
  });

  it('aborts a tool that hangs at its timeout, and retries it', async () => {
    wb = openMini();
    // orders.get has timeout 300ms and 3 attempts; the first two calls hang for 10s.
    const run = await startRefund(wb, 'O-1', { faults: [{ tool: 'orders.get', delay: '10s', times: 2 }] });
    expect(run.endState).toBe('resolved');
    const failures = wb.journal(run.runId).filter((r) => r.kind === 'tool.done' && (r.data as { error?: { code: string } }).error);
    expect(failures.map((r) => (r.data as { error: { code: string; message: string } }).error)).toEqual([
      expect.objectContaining({ code: 'TG_TOOL_TIMEOUT', message: 'no reply within 300ms; the request was aborted' }),
      expect.objectContaining({ code: 'TG_TOOL_TIMEOUT' }),
    ]);
    for (const f of failures) expect((f.data as { duration_ms: number }).duration_ms).toBeLessThan(5_000);
  });

  it('rejects arguments that do not match the connector schema without sending anything', async () => {
    wb = openMini({ 'fixtures/models/o1.yaml': `scripted: true
agents:
  triage:
    - tool_calls: [{ name: orders.get, arguments: { order: 1 } }]
    - content: '{"category":"other","order_id":"none"}'
` });
    const run = await startRefund(wb, 'O-1');
    expect(run.status).toBe('failed');
    expect(run.reason).toMatch(/arguments for orders.get do not match its schema: \(args\) must have required property 'order_id'/);
    expect(await toolRequests(wb, run.runId)).toEqual([]);
  });
});

describe('limits end the run with a status and a reason', () => {
  it('max_tool_calls', async () => {
    wb = openMini(withLimits('max_tool_calls: 2'));
    const run = await startRefund(wb, 'O-1');
    expect(run.status).toBe('budget_exceeded');
    expect(run.reason).toBe('tool call budget spent: 2 of 2 calls made');
  });

  it('max_tokens', async () => {
    wb = openMini(withLimits('max_tokens: 100'));
    const run = await startRefund(wb, 'O-1');
    expect(run.status).toBe('budget_exceeded');
    expect(run.reason).toMatch(/^token budget spent: \d+ tokens used, limit 100$/);
  });

  it('max_cost_usd', async () => {
    wb = openMini(withLimits('max_cost_usd: 0.0001'));
    const run = await startRefund(wb, 'O-1');
    expect(run.status).toBe('budget_exceeded');
    expect(run.reason).toMatch(/^cost budget spent: \$0\.000\d+ used, limit \$0\.0001$/);
  });

  it('run_timeout: a slow run ends timed_out, and compensates what it wrote', async () => {
    wb = openMini(withLimits('run_timeout: 1500ms, step_timeout: 5s'));
    const run = await startRefund(wb, 'O-1', { faults: [{ tool: 'email.send', delay: '10s', times: 5 }] });
    expect(run.status).toBe('compensated');
    expect(run.reason).toMatch(/^run timed out after \d+ms \(limit 1500ms\); compensated 1 write\(s\)$/);
  });

  it('loop detection: the same call with the same arguments N times escalates', async () => {
    const call = '    - tool_calls: [{ name: orders.get, arguments: { order_id: O-1 } }]\n';
    wb = openMini({ 'fixtures/models/o1.yaml': `scripted: true\nagents:\n  triage:\n${call.repeat(6)}` });
    const run = await startRefund(wb, 'O-1');
    expect(run.status).toBe('escalated');
    expect(run.reason).toBe('loop: orders.get called 4 times with the same arguments (limit 3)');
    expect((await toolRequests(wb, run.runId)).length).toBe(3);
  });

  it('max_steps stops a workflow that keeps cycling', async () => {
    wb = openMini({
      'workflows/refund.yaml': `id: refund
version: 1
trigger: { event: ticket.created }
policy: [support]
limits: { max_steps: 5 }
steps:
  - id: check
    tool: orders.get
    args: { order_id: '"O-1"' }
    next: [{ when: 'output.total > 1000', to: done }, { to: wait }]
  - id: wait
    tool: orders.get
    args: { order_id: '"O-2"' }
    next: [{ to: check }]
  - id: done
    end: resolved
`,
    });
    const run = await startRefund(wb, 'O-1');
    expect(run.status).toBe('escalated');
    expect(run.reason).toBe('loop: 5 steps entered (limit 5); it would next enter wait');
  });

  it('an agent that never produces valid output fails after max_turns', async () => {
    wb = openMini({ 'fixtures/models/o1.yaml': `scripted: true\nagents:\n  triage:\n${"    - content: 'not json'\n".repeat(8)}` });
    const run = await startRefund(wb, 'O-1');
    expect(run.status).toBe('failed');
    expect(run.reason).toBe('agent "triage" gave no valid output within 8 turns');
  });
});
