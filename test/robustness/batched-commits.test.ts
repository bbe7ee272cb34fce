import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runEval } from '../../src/evals/index.ts';
import { StorageError } from '../../src/shared/index.ts';
import { Workbench } from '../../src/workbench/index.ts';
import { tollgate } from '../support/cli.ts';
import { copyExampleProject } from '../support/mini-project.ts';

// Gold-case runs commit in batches (store/batched-commits.ts). What a crash or a full disk leaves
// must still be a database whose every journal is whole up to some row, whose audit chain holds,
// and whose interrupted runs resume to the outcome they would have had.
const mounts: string[] = [];
afterAll(() => {
  for (const m of mounts) spawnSync('umount', [m]);
});

/** The database as a crash now would leave it: the file and its WAL, as committed so far. */
function crashCopy(db: string, into: string): string {
  mkdirSync(into, { recursive: true });
  const copy = path.join(into, 'tollgate.db');
  copyFileSync(db, copy);
  if (existsSync(`${db}-wal`)) copyFileSync(`${db}-wal`, `${copy}-wal`);
  copyFileSync(path.join(path.dirname(db), 'vault.key'), path.join(into, 'vault.key'));
  return copy;
}

describe('an eval commits in batches', () => {
  it('a crash at any moment leaves whole journal prefixes and an intact audit chain, and every interrupted run resumes', async () => {
    const root = copyExampleProject();
    const dir = mkdtempSync(path.join(tmpdir(), 'tollgate-batch-'));
    const db = path.join(dir, 'tollgate.db');
    const wb = Workbench.open(root, { dbPath: db, traces: false });
    const copies: string[] = [];
    try {
      const report = await runEval(wb, {
        workflow: 'refund-request', concurrency: 8,
        onCase: (done) => void (done % 5 === 0 && copies.push(crashCopy(db, path.join(dir, `crash-${done}`)))),
      });
      expect(report.totals.passed).toBe(report.totals.cases);
    } finally {
      await wb.close();
    }
    expect(copies.length).toBeGreaterThanOrEqual(3);
    let interrupted = 0;
    for (const copy of copies) {
      const after = Workbench.open(root, { dbPath: copy, traces: false });
      try {
        expect(after.audit.verify().problems, copy).toEqual([]);
        const seqs = (runId: string) => after.journal(runId).map((r) => r.seq);
        const runs = after.runs.list({});
        for (const run of runs) expect(seqs(run.runId), `${copy} ${run.runId}`).toEqual(seqs(run.runId).map((_, i) => i + 1));
        // (Resumed here, a run meets a new mocked world, not the one the eval left: only that it
        // continues from what was kept is checked, not where it ends.)
        for (const run of runs.filter((r) => r.status === 'running')) {
          interrupted++;
          const resumed = await after.resume(run.runId);
          expect(resumed.status, `${copy} ${run.runId}`).not.toBe('running');
          expect(seqs(run.runId), `${copy} ${run.runId}`).toEqual(seqs(run.runId).map((_, i) => i + 1));
        }
        expect(after.audit.verify().problems, `${copy} after resuming`).toEqual([]);
      } finally {
        await after.close();
      }
    }
    // The copies were taken while cases ran: some caught runs midway.
    expect(interrupted).toBeGreaterThan(0);
  }, 120_000);

  it('another process writing the same database gets in between batches', async () => {
    const root = copyExampleProject();
    const db = path.join(mkdtempSync(path.join(tmpdir(), 'tollgate-batch-shared-')), 'tollgate.db');
    const wb = Workbench.open(root, { dbPath: db, traces: false });
    try {
      // A run of its own, whose writes wait at most 2 s for the lock, while evals here keep batching.
      const other = tollgate(['run', '--case', 'small-refund-auto', '--json'], { cwd: root, env: { TOLLGATE_DB: db, TOLLGATE_BUSY_TIMEOUT_MS: '2000' } });
      let done = false;
      void other.then(() => (done = true));
      let evals = 0;
      while (!done) {
        await runEval(wb, { workflow: 'refund-request', concurrency: 8 });
        evals++;
      }
      const r = await other;
      expect([r.code, r.stderr]).toEqual([0, '']);
      expect(JSON.parse(r.stdout).status).toBe('completed');
      expect(evals).toBeGreaterThan(0);
    } finally {
      await wb.close();
    }
  }, 120_000);

  it('a disk that fills during an eval fails it as a storage error and leaves a database that opens and verifies', async () => {
    const root = copyExampleProject();
    const full = mkdtempSync(path.join(tmpdir(), 'tollgate-batch-full-'));
    const mount = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=512k', 'tmpfs', full], { encoding: 'utf8' });
    if (mount.status !== 0) throw new Error(`cannot mount a small tmpfs to fill (needs root and CAP_SYS_ADMIN): ${mount.stderr.trim()}`);
    mounts.push(full);
    const db = path.join(full, 'tollgate.db');
    const wb = Workbench.open(root, { dbPath: db, traces: false });
    let failure: unknown;
    try {
      await runEval(wb, { concurrency: 8 });
    } catch (error) {
      failure = error;
    } finally {
      await wb.close();
    }
    expect(failure).toBeInstanceOf(StorageError);
    expect((failure as StorageError).message).toMatch(/the disk holding .*tollgate\.db is full/);
    const kept = Workbench.open(root, { dbPath: crashCopy(db, mkdtempSync(path.join(tmpdir(), 'tollgate-batch-kept-'))), traces: false });
    try {
      expect(kept.audit.verify().problems).toEqual([]);
      const runs = kept.runs.list({});
      expect(runs.length).toBeGreaterThan(0);
      for (const run of runs) expect(kept.journal(run.runId).map((r) => r.seq)).toEqual(kept.journal(run.runId).map((_, i) => i + 1));
    } finally {
      await kept.close();
    }
    spawnSync('umount', [full]);
    mounts.pop();
  }, 120_000);
});
