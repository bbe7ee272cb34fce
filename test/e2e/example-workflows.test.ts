import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runGoldCase, Workbench } from '../../src/workbench/index.ts';
import { copyExampleProject } from '../support/mini-project.ts';

/** Every gold case of the example project, end to end: MSW serves the Ollama API and the tools. */
let wb: Workbench;
beforeAll(() => {
  const root = copyExampleProject();
  wb = Workbench.open(root, { dbPath: path.join(root, '.tollgate', 'e2e.db'), world: { kind: 'mocked', keepState: true } });
});
afterAll(async () => wb?.close());

const cases = () => wb.definitions.goldCases.map((g) => g.value);

describe('example workflows, every gold case', () => {
  it('has at least 8 gold cases per workflow', () => {
    const perWorkflow = new Map<string, number>();
    for (const c of cases()) perWorkflow.set(c.workflow, (perWorkflow.get(c.workflow) ?? 0) + 1);
    expect([...perWorkflow.keys()].sort()).toEqual(['alert-fired', 'invoice-received', 'refund-request']);
    for (const n of perWorkflow.values()) expect(n).toBeGreaterThanOrEqual(8);
  });

  it('each case ends as expected, calls what it should, and every write carries its idempotency key', async () => {
    const mocks = await wb.mocks();
    for (const gc of cases()) {
      const { run } = await runGoldCase(wb, gc);
      const label = `${gc.workflow}/${gc.id}`;
      expect({ label, end: run.endState ?? run.status }).toEqual({ label, end: gc.expect.end });
      const journal = wb.journal(run.runId);
      const called = journal.filter((r) => r.kind === 'tool.started').map((r) => (r.data as { input: { tool: string } }).input.tool);
      for (const tool of gc.expect.tools_called) expect(called, `${label} calls ${tool}`).toContain(tool);
      for (const tool of gc.expect.tools_not_called) expect(called, `${label} never calls ${tool}`).not.toContain(tool);
      if (gc.expect.approvals_requested !== undefined) {
        expect(journal.filter((r) => r.kind === 'approval.requested').length, `${label} approvals`).toBe(gc.expect.approvals_requested);
      }
      if (gc.expect.policy_blocks !== undefined) {
        expect(journal.filter((r) => r.kind === 'policy.decision' && (r.data as { effect: string }).effect === 'deny').length, `${label} blocks`).toBe(gc.expect.policy_blocks);
      }
      for (const request of mocks.requests(run.runId)) {
        if (request.method === 'GET') expect(request.idempotencyKey).toBeNull();
        else expect(request.idempotencyKey, `${label} ${request.tool}`).toMatch(new RegExp(`^${run.runId}:(compensate:)?[a-z_]+(#\\d+)?(/call\\d+)?$`));
      }
    }
  }, 120_000);

  it('a small refund: the exact calls and arguments that reached the tools', async () => {
    const gc = cases().find((c) => c.id === 'small-refund-auto')!;
    const { run } = await runGoldCase(wb, gc);
    const requests = (await wb.mocks()).requests(run.runId);
    expect(requests.map((r) => [r.tool, r.method, r.url, r.idempotencyKey, r.body])).toEqual([
      ['orders.get', 'GET', 'https://orders.acme.test/v1/orders/O-1001', null, null],
      ['orders.get', 'GET', 'https://orders.acme.test/v1/orders/O-1001', null, null],
      ['refunds.create', 'POST', 'https://payments.acme.test/v1/refunds', `${run.runId}:refund`, { order_id: 'O-1001', amount: 39.5, reason: 'Keyboard from O-1001 arrived cracked; customer asks for a refund.' }],
      ['email.send', 'POST', 'https://mail.acme.test/v1/messages', `${run.runId}:notify`, { to: 'maria.lopez@example.com', subject: 'Your refund for order O-1001', body: 'We have refunded 39.5 USD for order O-1001 (reference R-9001).' }],
    ]);
  });

  it('an invoice with a bank change: the new IBAN reaches the ERP only after two finance approvals', async () => {
    const gc = cases().find((c) => c.id === 'invoice-bank-change-two-approvers')!;
    const { run } = await runGoldCase(wb, gc);
    const requests = (await wb.mocks()).requests(run.runId);
    const change = requests.find((r) => r.tool === 'vendors.update_bank_details')!;
    expect(change.body).toEqual({ iban: 'GB33BUKB20201555555555' });
    expect(change.url).toBe('https://erp.acme.test/v1/vendors/V-102/bank-details');
    const approval = wb.approvals.list({ runId: run.runId })[0]!;
    expect(approval.decisions.map((d) => d.principal)).toEqual(['carol', 'dave']);
    expect(requests.find((r) => r.tool === 'payments.schedule')!.body).toEqual({ vendor_id: 'V-102', invoice_id: 'INV-IN-2211', amount: 4800, currency: 'GBP', due_date: '2026-12-20' });
  });

  it('alerts in dev are sandboxed: the ticket is a dry run and nothing reaches the tool', async () => {
    const gc = cases().find((c) => c.id === 'disk-usage-ticketed')!;
    const { run } = await runGoldCase(wb, gc);
    expect((await wb.mocks()).requests(run.runId).map((r) => r.tool)).toEqual(['runbooks.search']);
    const dry = wb.journal(run.runId).find((r) => r.kind === 'tool.done' && r.stepKey === 'ticket')!;
    expect((dry.data as { output: { dryRun: boolean; body: { would_send: { url: string } } } }).output).toMatchObject({ dryRun: true, body: { would_send: { url: 'https://tickets.acme.test/v1/tickets' } } });
  });
});
