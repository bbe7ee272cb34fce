import { afterEach, describe, expect, it } from 'vitest';
import type { Workbench } from '../../src/workbench/index.ts';
import { openMini, startRefund, toolRequests } from '../support/workbench.ts';

let wb: Workbench;
afterEach(async () => wb?.close());

describe('a run end to end (MSW serving Ollama and the tools)', () => {
  it('resolves a small refund: the calls, their arguments and idempotency keys reach the tools', async () => {
    wb = openMini();
    const run = await startRefund(wb, 'O-1');
    expect(run.status).toBe('completed');
    expect(run.endState).toBe('resolved');
    const requests = await toolRequests(wb, run.runId);
    expect(requests.map((r) => [r.tool, r.method, r.idempotencyKey])).toEqual([
      ['orders.get', 'GET', null],
      ['orders.get', 'GET', null],
      ['refunds.create', 'POST', `${run.runId}:refund`],
      ['email.send', 'POST', `${run.runId}:notify`],
    ]);
    expect(requests[2]!.body).toEqual({ order_id: 'O-1', amount: 40 });
    expect(requests[3]!.body).toEqual({ to: 'pat@example.com', subject: 'Your refund' });
    expect(run.toolCalls).toBe(4);
    expect(run.tokensIn).toBeGreaterThan(0);
    expect(run.costUsd).toBeGreaterThan(0);
  });

  it('takes the correlation ID from the event when it carries one', async () => {
    wb = openMini();
    const run = await startRefund(wb, 'O-1', { event: { type: 'ticket.created', correlation_id: 'cor-from-upstream', ticket: { email: 'x@y.z' } } });
    expect(run.correlationId).toBe('cor-from-upstream');
    const requests = await toolRequests(wb, run.runId);
    expect(requests.length).toBeGreaterThan(0);
  });

  it('re-executing a finished run from its journal repeats no effect and reaches the same end', async () => {
    wb = openMini();
    const run = await startRefund(wb, 'O-1');
    const before = (await toolRequests(wb, run.runId)).length;
    const rows = wb.journal(run.runId);
    await wb.runs.update(run.runId, { status: 'running', updatedAt: Date.now() });
    const again = await wb.resume(run.runId);
    expect(again.endState).toBe('resolved');
    expect((await toolRequests(wb, run.runId)).length).toBe(before);
    expect(wb.journal(run.runId)).toEqual(rows);
  });

  it('sandboxes writes outside the environments a policy makes live: nothing is sent', async () => {
    wb = openMini();
    const run = await startRefund(wb, 'O-1', { env: 'staging' });
    expect(run.endState).toBe('resolved');
    const tools = (await toolRequests(wb, run.runId)).map((r) => r.tool);
    expect(tools).toEqual(['orders.get', 'orders.get']);
    const dryRuns = wb.journal(run.runId).filter((r) => r.kind === 'tool.done' && (r.data as { output: { dryRun?: boolean } }).output.dryRun);
    expect(dryRuns.map((r) => r.stepKey)).toEqual(['refund', 'notify']);
    expect((dryRuns[0]!.data as { output: { body: { would_send: { body: unknown } } } }).output.body.would_send.body).toEqual({ order_id: 'O-1', amount: 40 });
  });

  it('blocks a refund over the cap before any request leaves, and fails the run with the rule', async () => {
    wb = openMini();
    const run = await startRefund(wb, 'O-4');
    expect(run.status).toBe('failed');
    expect(run.reason).toContain('Refunds over $500 need a person');
    expect(run.reason).toContain('support@2');
    expect((await toolRequests(wb, run.runId)).map((r) => r.tool)).not.toContain('refunds.create');
  });

  it('compensates completed writes in reverse order when a later step fails', async () => {
    wb = openMini();
    const run = await startRefund(wb, 'O-1', { faults: [{ tool: 'email.send', status: 422, times: 1 }] });
    expect(run.status).toBe('compensated');
    expect(run.reason).toMatch(/HTTP 422.*compensated 1 write/);
    const requests = await toolRequests(wb, run.runId);
    const cancel = requests.at(-1)!;
    expect(cancel.tool).toBe('refunds.cancel');
    expect(cancel.url).toBe('https://payments.mini.test/v1/refunds/R-1/cancel');
    expect(cancel.idempotencyKey).toBe(`${run.runId}:compensate:refund`);
  });

  it('refuses a pinned model whose digest differs from what Ollama reports', async () => {
    wb = openMini({
      'tollgate.yaml': `name: mini
models:
  default: llama3.2:3b
  routes: { low-risk: "llama3.2:3b" }
  digests: { "llama3.2:3b": "sha256:0123456789abcdef" }
`,
    });
    const run = await startRefund(wb, 'O-1');
    expect(run.status).toBe('failed');
    expect(run.reason).toMatch(/model llama3.2:3b is pinned to digest sha256:0123456789abcdef but Ollama reports [0-9a-f]{64}/);
    expect(await toolRequests(wb, run.runId)).toEqual([]);
  });
});

describe('model pinning', () => {
  it('runs a model pinned to the digest Ollama reports', async () => {
    const { scriptedDigest } = await import('../../src/models/index.ts');
    wb = openMini({
      'tollgate.yaml': `name: mini
models:
  default: llama3.2:3b
  routes: { low-risk: "llama3.2:3b" }
  digests: { "llama3.2:3b": "sha256:${scriptedDigest('llama3.2:3b')}" }
`,
    });
    const run = await startRefund(wb, 'O-1');
    expect(run.endState).toBe('resolved');
  });
});
