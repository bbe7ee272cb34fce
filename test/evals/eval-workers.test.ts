import { readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { VaultStore } from '../../src/store/index.ts';
import { tollgate } from '../support/cli.ts';
import { copyExampleProject } from '../support/mini-project.ts';

// The same eval of the example project on one thread and on two (the CLI as users run it): the
// same verdicts case by case, and the project's database holding every run either way.
const TIMING = /_ms$|^steps_ms$|^modelled_steps_ms$|^reason$/; // measured durations (and the latency reason that quotes them) differ between any two runs
let one: string;
let two: string;
const workerDirs = () => readdirSync(tmpdir()).filter((d) => d.startsWith('tollgate-workers-')).length;

function report(root: string): unknown {
  return JSON.parse(readFileSync(path.join(root, 'reports', 'eval.json'), 'utf8'), (k, v) => (k === 'created_at' || k === 'run_id' || TIMING.test(k) ? undefined : v));
}

function tables(root: string): Record<string, number> {
  const db = new Database(path.join(root, '.tollgate', 'tollgate.db'), { readonly: true });
  try {
    return Object.fromEntries(['runs', 'events', 'approvals', 'approval_decisions', 'vault', 'audit', 'definitions'].map((t) => [t, (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n]));
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  one = copyExampleProject();
  two = copyExampleProject();
  const dirsBefore = workerDirs();
  const [a, b] = await Promise.all([tollgate(['eval', '--workers', '1', '--out', 'reports'], { cwd: one, env: { CI: 'true' } }), tollgate(['eval', '--workers', '2', '--out', 'reports'], { cwd: two, env: { CI: 'true' } })]);
  expect([a.code, a.stderr.split('\n').filter((l) => /^ok|^FAIL/.test(l)).length]).toEqual([0, 52]);
  expect([b.code, b.stderr.split('\n').filter((l) => /^ok|^FAIL/.test(l)).length]).toEqual([0, 52]);
  expect(b.stdout.split('\n')[0]).toBe(a.stdout.split('\n')[0]!.replace(/p95 \d+ ms/, (m) => b.stdout.match(/p95 \d+ ms/)![0]));
  // The workers' own database files are gone once their runs are taken in.
  expect(workerDirs()).toBe(dirsBefore);
}, 120_000);

describe('tollgate eval --workers 2', () => {
  it('reports what one thread reports: every case, in the same order, with the same verdicts and scores', () => {
    expect(report(two)).toEqual(report(one));
  });

  it('leaves every run in the project database as one thread does: journals, approvals, vault rows, one audit chain', async () => {
    expect(tables(two)).toEqual(tables(one));
    expect(tables(two).runs).toBe(52);
    const verify = await tollgate(['audit', 'verify'], { cwd: two });
    expect([verify.code, verify.stdout]).toEqual([0, expect.stringMatching(/^ok: \d+ rows, head [0-9a-f]{64}\n$/)]);
    // The vault rows a worker wrote open with the project's key, under the run they belong to.
    const db = new Database(path.join(two, '.tollgate', 'tollgate.db'));
    try {
      const vault = new VaultStore(db, Buffer.from(readFileSync(path.join(two, '.tollgate', 'vault.key'), 'utf8').trim(), 'hex'));
      const runs = db.prepare('SELECT DISTINCT run_id FROM vault').pluck().all() as string[];
      expect(runs.length).toBeGreaterThan(10);
      expect(runs.flatMap((r) => vault.list(r)).filter((e) => e.entity === 'EMAIL_ADDRESS').length).toBeGreaterThan(0);
      expect(db.prepare("SELECT count(*) FROM runs WHERE status = 'running'").pluck().get()).toBe(0);
    } finally {
      db.close();
    }
    expect(readdirSync(path.join(two, 'traces')).length).toBe(52);
  });

  it('refuses a worker count that is not a positive integer', async () => {
    const r = await tollgate(['eval', '--workers', '0'], { cwd: two });
    expect([r.code, r.stderr.trim()]).toEqual([2, 'tollgate: --workers expects a positive integer']);
  });
});
