import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { StorageError } from '../../src/shared/index.ts';
import { runGoldCase, Workbench } from '../../src/workbench/index.ts';
import { journalWithFault } from '../support/journal-faults.ts';
import { copyExampleProject } from '../support/mini-project.ts';

let wb: Workbench | undefined;
afterEach(async () => {
  await wb?.close();
  wb = undefined;
});

describe('a journal that cannot be written does not turn a done write into a failed one', () => {
  it('a lock held across a tool write: the run stops, stays running, and resumes with one refund (same Idempotency-Key)', async () => {
    const root = copyExampleProject();
    const dbPath = path.join(root, '.tollgate', 'locked.db');
    let locker: Database.Database | undefined;
    wb = Workbench.open(root, {
      dbPath, busyTimeoutMs: 20, world: { kind: 'mocked', keepState: true }, traces: false,
      // Another process takes the database just as the refund's "done" row is due: the refund happened.
      journal: journalWithFault((row) => {
        if (row.kind === 'tool.done' && row.stepKey === 'refund' && !locker) {
          locker = new Database(dbPath);
          locker.exec('BEGIN EXCLUSIVE');
        }
      }),
    });
    const gc = wb.definitions.goldCases.find((c) => c.value.id === 'small-refund-auto')!.value;
    const error = await runGoldCase(wb, gc).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageError);
    expect((error as StorageError).code).toBe('TG_STORAGE_JOURNAL');
    expect((error as Error).message).toMatch(/^run (run_\S+) stopped: .*locked\.db is locked by another process: .* It stays running: tollgate resume \1 \(or serve\) continues it, and a call it repeats carries the same Idempotency-Key$/);
    const runId = /^run (\S+) stopped/.exec((error as Error).message)![1]!;
    locker!.exec('COMMIT');
    locker!.close();

    // Still ours (the lock refused the release too): this process, or any after it, may resume it.
    const stopped = wb.runs.get(runId)!;
    expect([stopped.status, stopped.ownerPid]).toEqual(['running', process.pid]);
    expect(wb.journal(runId).filter((r) => r.stepKey === 'refund').map((r) => r.kind)).toEqual(['step.entered', 'policy.decision', 'tool.started']);
    expect(wb.audit.rows().some((r) => r.action === 'tool.failed')).toBe(false);

    const resumed = await wb.resume(runId);
    expect([resumed.status, resumed.endState]).toEqual(['completed', 'resolved']);
    const refunds = (await wb.mocks()).requests(runId).filter((r) => r.tool === 'refunds.create');
    expect(refunds).toHaveLength(2);
    expect(new Set(refunds.map((r) => r.idempotencyKey)).size).toBe(1);
    expect(wb.journal(runId).filter((r) => r.kind === 'tool.done' && r.stepKey === 'refund')).toHaveLength(1);
  });
});

describe('a lock that clears while the journal retries', () => {
  it('costs nothing: the done row is written on the next try and the run completes with one refund request', async () => {
    const root = copyExampleProject();
    const dbPath = path.join(root, '.tollgate', 'brief-lock.db');
    let locker: Database.Database | undefined;
    wb = Workbench.open(root, {
      dbPath, busyTimeoutMs: 20, world: { kind: 'mocked', keepState: true }, traces: false,
      journal: journalWithFault((row) => {
        if (row.kind !== 'tool.done' || row.stepKey !== 'refund') return;
        if (!locker) {
          locker = new Database(dbPath);
          locker.exec('BEGIN EXCLUSIVE');
        } else if (locker.inTransaction) locker.exec('COMMIT');
      }),
    });
    const gc = wb.definitions.goldCases.find((c) => c.value.id === 'small-refund-auto')!.value;
    const { run } = await runGoldCase(wb, gc);
    locker?.close();
    expect([run.status, run.endState]).toEqual(['completed', 'resolved']);
    expect((await wb.mocks()).requests(run.runId).filter((r) => r.tool === 'refunds.create')).toHaveLength(1);
  });
});

describe('a write whose every attempt timed out', () => {
  it('is reported as outcome unknown: the run ends escalated with the idempotency key, nothing is compensated, the audit says so', async () => {
    const root = copyExampleProject();
    const connector = path.join(root, 'workflows', 'tools', 'refunds.create.yaml');
    writeFileSync(connector, readFileSync(connector, 'utf8').replace('timeout: 5s', 'timeout: 150ms'));
    wb = Workbench.open(root, { dbPath: path.join(root, '.tollgate', 'unknown.db'), world: { kind: 'mocked', keepState: true }, traces: false });
    const gc = wb.definitions.goldCases.find((c) => c.value.id === 'small-refund-auto')!.value;
    const { run } = await runGoldCase(wb, { ...gc, faults: [{ tool: 'refunds.create', delay: '10s', times: 3 }] });
    expect([run.status, run.endState]).toEqual(['escalated', null]);
    const key = `${run.runId}:refund`;
    expect(run.reason).toBe(`refunds.create (refund): outcome unknown after 3 attempt(s), the last one timed out (no reply within 150ms; the request was aborted); it may have happened: check under Idempotency-Key ${key} before anything is retried`);
    const requests = (await wb.mocks()).requests(run.runId);
    expect(requests.filter((r) => r.tool === 'refunds.create').map((r) => r.idempotencyKey)).toEqual([key, key, key]);
    expect(requests.some((r) => r.tool === 'refunds.cancel' || r.tool === 'email.send')).toBe(false);
    const actions = wb.audit.rows().filter((r) => JSON.parse(r.bodyJcs).run_id === run.runId || r.bodyJcs.includes(run.runId)).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['tool.write_outcome_unknown', 'tool.outcome_unknown']));
    expect(actions).not.toContain('tool.write_failed');
  });
});

describe('a failed start leaves nothing behind', () => {
  it('tool mocks that do not load: no run is written, so no later command can execute one', async () => {
    const root = copyExampleProject();
    const mocks = path.join(root, 'fixtures', 'tools', 'index.ts');
    const good = readFileSync(mocks, 'utf8');
    writeFileSync(mocks, `${good}\nexport const broken = ;\n`);
    wb = Workbench.open(root, { dbPath: path.join(root, '.tollgate', 'start.db'), traces: false });
    const gc = wb.definitions.goldCases.find((c) => c.value.id === 'small-refund-auto')!.value;
    await expect(runGoldCase(wb, gc)).rejects.toMatchObject({ code: 'TG_NO_TOOL_MOCKS' });
    expect(wb.runs.list({})).toEqual([]);
    expect(wb.unfinished()).toEqual([]);
  });
});
