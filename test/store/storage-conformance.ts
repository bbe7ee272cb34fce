import { describe, expect, it } from 'vitest';
import { RESERVATION_STALE_MS, type ApprovalStorage, type EventStorage, type JournalStorage, type RunRecord, type RunStorage, type VaultStorage } from '../../src/core/index.ts';

/** One adapter of the storage port, fresh and empty for each test. */
export interface StorageUnderTest {
  readonly runs: RunStorage;
  readonly journal: JournalStorage;
  readonly approvals: ApprovalStorage;
  readonly vault: VaultStorage;
  readonly events: EventStorage;
  close(): void | Promise<void>;
}

const run = (id: string, o: Partial<RunRecord> = {}) => ({
  runId: id, correlationId: `cor-${id}`, workflow: 'refund', version: 2, definitionsDigest: 'sha256:d', env: 'dev', triggerType: 'event', status: 'running' as const,
  event: { type: 'ticket.created', id }, options: { script: 'x.yaml' }, startedAt: 1_000, ownerPid: 11, ...o,
});
const row = (seq: number, kind = 'step.entered') => ({ seq, kind, stepKey: `s${seq}`, attempt: 1, inputSha256: seq % 2 ? `sha256:${seq}` : null, data: { n: seq, nested: { list: [seq, 'ü'] } }, ts: 1_000 + seq });
const approval = (id: string, runId: string) => ({
  approvalId: id, runId, stepKey: 'refund', requestedBy: 'engine', requestedAt: 2_000, expiresAt: null, actionDigest: 'sha256:a', action: { tool: 'refunds.create', args: { amount: 250 }, summary: 'refund 250' },
  policyRef: 'support@2', reason: 'over 200', role: 'support-lead', requiredApprovals: 1, definitionsDigest: 'sha256:d', context: { untrusted: [] },
});

/**
 * The behaviour every adapter of the storage port must have (src/core/storage.ts): runs and their
 * leases, the journal, approvals and their decisions, the vault. Written against the port only.
 */
export function storageConformance(name: string, open: () => StorageUnderTest | Promise<StorageUnderTest>): void {
  const withStorage = (fn: (s: StorageUnderTest) => void | Promise<void>) => async () => {
    const s = await open();
    try {
      await fn(s);
    } finally {
      await s.close();
    }
  };

  describe(`storage port: ${name}`, () => {
    it('keeps a run as given, finds it by ID or prefix, lists newest first with filters', withStorage((s) => {
      s.runs.insert(run('run_a1'));
      s.runs.insert(run('run_a2', { workflow: 'alert', startedAt: 3_000 }));
      s.runs.insert(run('run_b1', { startedAt: 2_000, status: 'waiting_approval' }));
      expect(s.runs.get('run_a1')).toEqual({ ...run('run_a1'), updatedAt: 1_000, endedAt: null, endState: null, reason: null, tokensIn: 0, tokensOut: 0, costUsd: 0, toolCalls: 0 });
      expect(s.runs.get('run_none')).toBeUndefined();
      expect(s.runs.find('run_a').map((r) => r.runId).sort()).toEqual(['run_a1', 'run_a2']);
      expect(s.runs.find('run_a1').map((r) => r.runId)).toEqual(['run_a1']);
      expect(s.runs.find('run_%').map((r) => r.runId)).toEqual([]); // a prefix is text, not a pattern
      expect(s.runs.list().map((r) => r.runId)).toEqual(['run_a2', 'run_b1', 'run_a1']);
      expect(s.runs.list({ workflow: 'refund' }).map((r) => r.runId)).toEqual(['run_b1', 'run_a1']);
      expect(s.runs.list({ status: 'waiting_approval' }).map((r) => r.runId)).toEqual(['run_b1']);
      expect(s.runs.list({ since: 2_000, limit: 1 }).map((r) => r.runId)).toEqual(['run_a2']);
    }));

    it('updates only what a patch names, and sets usage totals', withStorage((s) => {
      s.runs.insert(run('run_u'));
      s.runs.update('run_u', { status: 'completed', endState: 'resolved', endedAt: 5_000, updatedAt: 5_000 });
      s.runs.setUsage('run_u', { tokensIn: 120, tokensOut: 30, costUsd: 0.000125, toolCalls: 4 });
      s.runs.setUsage('run_u', { tokensIn: 130, tokensOut: 30, costUsd: 0.00013, toolCalls: 4 }); // set, never added
      expect(s.runs.get('run_u')).toMatchObject({ status: 'completed', endState: 'resolved', endedAt: 5_000, updatedAt: 5_000, reason: null, ownerPid: 11, tokensIn: 130, tokensOut: 30, costUsd: 0.00013, toolCalls: 4 });
    }));

    it('leases: a run is claimed by one live owner; a dead owner\'s running runs are orphans to resume', withStorage((s) => {
      const alive = new Set([11, 22]);
      const isAlive = (pid: number) => alive.has(pid);
      s.runs.insert(run('run_l1', { ownerPid: 11 }));
      s.runs.insert(run('run_l2', { ownerPid: 99 }));
      s.runs.insert(run('run_l3', { ownerPid: null }));
      s.runs.insert(run('run_l4', { ownerPid: 99, status: 'waiting_approval' }));
      expect(s.runs.orphans(isAlive).map((r) => r.runId).sort()).toEqual(['run_l2', 'run_l3']);
      expect(s.runs.claim('run_l1', 22, isAlive)).toBe(false); // 11 is alive and holds it
      expect(s.runs.claim('run_l1', 11, isAlive)).toBe(true); // its own owner
      expect(s.runs.claim('run_l2', 22, isAlive)).toBe(true); // 99 is gone
      expect(s.runs.get('run_l2')).toMatchObject({ ownerPid: 22, status: 'running' });
      expect(s.runs.claim('run_l4', 22, isAlive)).toBe(true); // a waiting run is taken up to run again
      expect(s.runs.get('run_l4')!.status).toBe('running');
      expect(s.runs.claim('run_none', 22, isAlive)).toBe(false);
    }));

    it('keeps definitions by digest, the first copy winning', withStorage((s) => {
      s.runs.saveDefinitions('sha256:x', { 'a.yaml': 'a: 1\n' }, 1);
      s.runs.saveDefinitions('sha256:x', { 'a.yaml': 'changed' }, 2);
      expect(s.runs.loadDefinitions('sha256:x')).toEqual({ 'a.yaml': 'a: 1\n' });
      expect(s.runs.loadDefinitions('sha256:none')).toBeUndefined();
    }));

    it('journal: rows in order, data as JSON gives it back; one writer per position; a transaction lands whole or not at all', withStorage((s) => {
      s.runs.insert(run('run_j'));
      expect(s.journal.append('run_j', { ...row(1), data: { at: new Date(0), gone: undefined } })).toEqual({ ...row(1), data: { at: '1970-01-01T00:00:00.000Z' } });
      s.journal.transaction(() => [row(3), row(2)].forEach((r) => s.journal.append('run_j', r)));
      expect(s.journal.read('run_j').map((r) => r.seq)).toEqual([1, 2, 3]);
      expect(s.journal.read('run_j')[1]).toEqual(row(2));
      expect(() => s.journal.append('run_j', row(2))).toThrow();
      expect(() => s.journal.transaction(() => {
        s.journal.append('run_j', row(4));
        throw new Error('crash between rows');
      })).toThrow('crash between rows');
      expect(s.journal.read('run_j').map((r) => r.seq)).toEqual([1, 2, 3]);
      expect(s.journal.read('run_none')).toEqual([]);
    }));

    it('journal: rows appended together with what is written alongside each, all or none', withStorage((s) => {
      s.runs.insert(run('run_k'));
      const seen: number[] = [];
      expect(s.journal.appendAll('run_k', [row(1), row(2)], (r) => void seen.push(r.seq)).map((r) => r.seq)).toEqual([1, 2]);
      expect(seen).toEqual([1, 2]);
      // What is written alongside fails at the second row: neither row lands.
      expect(() => s.journal.appendAll('run_k', [row(3), row(4)], (r) => {
        s.runs.setUsage('run_k', { tokensIn: r.seq, tokensOut: 0, costUsd: 0, toolCalls: 0 });
        if (r.seq === 4) throw new Error('audit refused');
      })).toThrow('audit refused');
      expect(s.journal.read('run_k').map((r) => r.seq)).toEqual([1, 2]);
      expect(s.runs.get('run_k')!.tokensIn).toBe(0); // the write alongside rolled back with them
    }));

    it('approvals: pending when asked; decisions in order with the new status; a stricter quorum rides with the edit', withStorage((s) => {
      s.runs.insert(run('run_p'));
      s.approvals.insert(approval('apr_1', 'run_p'));
      s.approvals.insert({ ...approval('apr_1', 'run_p'), reason: 'asked again' }); // asking again keeps the first
      s.approvals.insert({ ...approval('apr_2', 'run_p'), requestedAt: 1_500 });
      expect(s.approvals.get('apr_1')).toEqual({ ...approval('apr_1', 'run_p'), status: 'pending', decisions: [] });
      expect(s.approvals.list({ status: 'pending' }).map((a) => a.approvalId)).toEqual(['apr_2', 'apr_1']);
      s.approvals.addDecision('apr_1', { principal: 'bob', decision: 'edit', editedArgs: { amount: 600 }, editedArgsDigest: 'sha256:e', comment: 'more', decidedAt: 3_000 }, 'pending', { approvers: 2, role: 'finance' });
      s.approvals.addDecision('apr_1', { principal: 'carol', decision: 'approve', decidedAt: 4_000 }, 'approved');
      expect(s.approvals.get('apr_1')).toMatchObject({
        status: 'approved', requiredApprovals: 2, role: 'finance',
        decisions: [{ principal: 'bob', decision: 'edit', editedArgs: { amount: 600 }, editedArgsDigest: 'sha256:e', comment: 'more', decidedAt: 3_000 }, { principal: 'carol', decision: 'approve', decidedAt: 4_000 }],
      });
      expect(s.approvals.list({ runId: 'run_p', status: 'approved' }).map((a) => a.approvalId)).toEqual(['apr_1']);
      expect(s.approvals.find('apr_').map((a) => a.approvalId).sort()).toEqual(['apr_1', 'apr_2']);
      expect(s.approvals.get('apr_none')).toBeUndefined();
    }));

    it('vault: a run\'s entries come back as put, and only that run\'s', withStorage((s) => {
      s.runs.insert(run('run_v1'));
      s.runs.insert(run('run_v2'));
      s.vault.put('run_v1', { placeholder: '<EMAIL_ADDRESS_1>', entity: 'EMAIL_ADDRESS', value: 'jane@example.com' });
      s.vault.put('run_v1', { placeholder: '<IBAN_1>', entity: 'IBAN', value: 'DE89 3704 0044 0532 0130 00' });
      s.vault.put('run_v2', { placeholder: '<EMAIL_ADDRESS_1>', entity: 'EMAIL_ADDRESS', value: 'other@example.com' });
      expect(s.vault.list('run_v1')).toEqual([
        { placeholder: '<EMAIL_ADDRESS_1>', entity: 'EMAIL_ADDRESS', value: 'jane@example.com' },
        { placeholder: '<IBAN_1>', entity: 'IBAN', value: 'DE89 3704 0044 0532 0130 00' },
      ]);
      expect(s.vault.list('run_none')).toEqual([]);
    }));

    it('counts runs by status, leaving out statuses with none', withStorage((s) => {
      expect(s.runs.countByStatus()).toEqual({});
      s.runs.insert(run('run_s1'));
      s.runs.insert(run('run_s2'));
      s.runs.insert(run('run_s3'));
      s.runs.update('run_s2', { status: 'completed', updatedAt: 2_000 });
      expect(s.runs.countByStatus()).toEqual({ running: 2, completed: 1 });
    }));

    it('event IDs: one run per event; a reservation that started no run is given back, or taken over once stale', withStorage((s) => {
      const t = 1_000_000;
      expect(s.events.reserve('evt_a', 1, t)).toEqual({ reserved: true });
      // Reserved, its run not created yet: another caller waits while it is fresh, takes it over once stale, once.
      expect(s.events.reserve('evt_a', 1, t + 1_000)).toEqual({ reserved: false, pending: true });
      expect(s.events.reserve('evt_a', 1, t + RESERVATION_STALE_MS + 1)).toEqual({ reserved: true });
      expect(s.events.reserve('evt_a', 1, t + RESERVATION_STALE_MS + 2)).toEqual({ reserved: false, pending: true });
      s.events.bind('evt_a', 'run_e1');
      expect(s.events.reserve('evt_a', 2, t + 10 * RESERVATION_STALE_MS)).toEqual({ reserved: false, runId: 'run_e1' });
      // A released reservation frees the ID; a bound one is never released.
      expect(s.events.reserve('evt_b', 1, t)).toEqual({ reserved: true });
      s.events.release('evt_b');
      s.events.release('evt_a');
      expect(s.events.reserve('evt_a', 1, t)).toEqual({ reserved: false, runId: 'run_e1' });
      expect(s.events.reserve('evt_b', 1, t)).toEqual({ reserved: true });
      s.events.bind('evt_b', 'run_e2');
      expect(s.events.reserve('evt_b', 1, t)).toEqual({ reserved: false, runId: 'run_e2' });
    }));

    it('event IDs: a claim succeeds once, never taking over; the latest key under a prefix', withStorage((s) => {
      expect(s.events.claim('schedule|a_b|2026-03-27T09:00:00.000Z', 1)).toBe(true);
      expect(s.events.claim('schedule|a_b|2026-03-27T09:00:00.000Z', 1)).toBe(false);
      expect(s.events.reserve('evt_c', 1, 0)).toEqual({ reserved: true });
      expect(s.events.claim('evt_c', 1)).toBe(false);
      expect(s.events.claim('schedule|a_b|2026-03-30T09:00:00.000Z', 1)).toBe(true);
      expect(s.events.claim('schedule|a_c|2026-04-01T09:00:00.000Z', 1)).toBe(true);
      expect(s.events.claim('schedule|a%b|2026-05-01T09:00:00.000Z', 1)).toBe(true);
      expect(s.events.latest('schedule|a_b|')).toBe('schedule|a_b|2026-03-30T09:00:00.000Z');
      expect(s.events.latest('schedule|a|')).toBeUndefined();
    }));
  });
}
