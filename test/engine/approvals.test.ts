import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Workbench } from '../../src/workbench/index.ts';
import { openMini, startRefund, toolRequests } from '../support/workbench.ts';
import { MINI_FILES } from '../support/mini-project.ts';

let wb: Workbench;
afterEach(async () => wb?.close());

function pendingFor(runId: string) {
  const [approval] = wb.approvals.list({ status: 'pending', runId });
  if (!approval) throw new Error('no pending approval');
  return approval;
}

describe('approvals required by policy', () => {
  it('waits durably, refuses the requester and the wrong role, and resumes once a lead approves', async () => {
    wb = openMini();
    const run = await startRefund(wb, 'O-2');
    expect(run.status).toBe('waiting_approval');
    expect((await toolRequests(wb, run.runId)).map((r) => r.tool)).not.toContain('refunds.create');
    const approval = pendingFor(run.runId);
    expect(approval.action).toEqual({ tool: 'refunds.create', args: { order_id: 'O-2', amount: 120 }, summary: 'refunds.create {"order_id":"O-2","amount":120}' });
    expect(approval.policyRef).toBe('support@2');
    expect(approval.requiredApprovals).toBe(1);

    expect((await wb.decide(approval.approvalId, 'alice', 'approve')).verdict).toMatchObject({ ok: false, code: 'TG_APPROVER_IS_REQUESTER' });
    expect((await wb.decide(approval.approvalId, 'mallory', 'approve')).verdict).toMatchObject({ ok: false, code: 'TG_APPROVER_UNKNOWN' });

    const { verdict, run: after } = await wb.decide(approval.approvalId, 'bob', 'approve');
    expect(verdict).toMatchObject({ ok: true, status: 'approved' });
    expect(after?.endState).toBe('resolved');
    expect((await toolRequests(wb, run.runId)).filter((r) => r.tool === 'refunds.create').map((r) => r.body)).toEqual([{ order_id: 'O-2', amount: 120 }]);
  });

  it('two-person rule: the same approver twice is refused; a second distinct lead completes it', async () => {
    wb = openMini();
    const run = await startRefund(wb, 'O-3');
    const approval = pendingFor(run.runId);
    expect(approval.requiredApprovals).toBe(2);
    expect((await wb.decide(approval.approvalId, 'bob', 'approve')).verdict).toMatchObject({ ok: true, status: 'pending', remaining: 1 });
    expect(wb.runs.get(run.runId)!.status).toBe('waiting_approval');
    expect((await wb.decide(approval.approvalId, 'bob', 'approve')).verdict).toMatchObject({ ok: false, code: 'TG_APPROVER_REPEATED' });
    const { run: after } = await wb.decide(approval.approvalId, 'carol', 'approve');
    expect(after?.endState).toBe('resolved');
  });

  it('a denial ends the run denied and the write never happens', async () => {
    wb = openMini();
    const run = await startRefund(wb, 'O-2');
    const { run: after } = await wb.decide(pendingFor(run.runId).approvalId, 'bob', 'deny', { comment: 'customer already compensated' });
    expect(after?.status).toBe('denied');
    expect(after?.reason).toContain('denied by bob: customer already compensated');
    expect((await toolRequests(wb, run.runId)).map((r) => r.tool)).not.toContain('refunds.create');
  });

  it('an edited approval executes exactly the approved arguments', async () => {
    wb = openMini();
    const run = await startRefund(wb, 'O-2');
    const { run: after } = await wb.decide(pendingFor(run.runId).approvalId, 'bob', 'edit', { editedArgs: { order_id: 'O-2', amount: 60 } });
    expect(after?.endState).toBe('resolved');
    expect((await toolRequests(wb, run.runId)).filter((r) => r.tool === 'refunds.create').map((r) => r.body)).toEqual([{ order_id: 'O-2', amount: 60 }]);
  });

  it('a pending approval survives closing the workbench; another process decides and the run finishes', async () => {
    wb = openMini();
    const run = await startRefund(wb, 'O-2');
    const approvalId = pendingFor(run.runId).approvalId;
    const root = wb.root;
    await wb.close();
    wb = Workbench.open(root, { dbPath: path.join(root, '.tollgate', 'test.db'), world: { kind: 'mocked', keepState: true } });
    const { run: after } = await wb.decide(approvalId, 'carol', 'approve');
    expect(after?.endState).toBe('resolved');
  });
});

describe('time spent waiting for people', () => {
  it('does not count against the run timeout', async () => {
    wb = openMini({ 'workflows/refund.yaml': MINI_FILES['workflows/refund.yaml']!.replace('limits: { step_timeout: 2s }', 'limits: { step_timeout: 2s, run_timeout: 1s }') });
    const run = await startRefund(wb, 'O-2');
    await new Promise((r) => setTimeout(r, 1300));
    const { run: after } = await wb.decide(pendingFor(run.runId).approvalId, 'bob', 'approve');
    expect(after).toMatchObject({ status: 'completed', endState: 'resolved' });
  });
});

describe('the audit chain of a run', () => {
  it('records decisions, approvals with who decided, writes and the end, and verifies', async () => {
    wb = openMini();
    const run = await startRefund(wb, 'O-2');
    await wb.decide(pendingFor(run.runId).approvalId, 'bob', 'approve');
    const rows = wb.audit.rows().map((r) => [r.actor, r.action]);
    expect(rows).toEqual([
      ['engine', 'run.started'],
      ['engine', 'policy.allow'],
      ['engine', 'policy.allow'],
      ['engine', 'policy.require_approval'],
      ['engine', 'approval.requested'],
      ['bob', 'approval.approve'],
      ['engine', 'tool.write'],
      ['engine', 'policy.allow'],
      ['engine', 'tool.write'],
      ['engine', 'run.ended'],
    ]);
    expect(wb.audit.verify().ok).toBe(true);
    expect(JSON.stringify(wb.audit.rows())).not.toContain('pat@example.com');
  });
});
