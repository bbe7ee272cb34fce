import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tollgate, type CliResult } from '../support/cli.ts';
import { copyExampleProject } from '../support/mini-project.ts';

// Storage failures, each as the user meets it: one line naming the file and what to do, exit code 74,
// no stack trace. The databases are real files; read-only is `chattr +i` (root ignores modes) and a
// full disk is a tiny tmpfs.
let root: string;
let good: string;
const mounts: string[] = [];
beforeAll(async () => {
  root = copyExampleProject();
  good = path.join(root, '.tollgate', 'tollgate.db');
  const r = await tollgate(['run', 'refund-request', '--case', 'small-refund-auto'], { cwd: root });
  expect(r.code, r.stderr).toBe(0);
  // Fold the WAL into the file, so copies of it hold the runs.
  new Database(good).pragma('wal_checkpoint(TRUNCATE)');
}, 60_000);
afterAll(() => {
  for (const m of mounts) spawnSync('umount', [m]);
});

const asUser = (r: CliResult) => [r.code, r.stderr.includes('    at '), r.stderr.includes('internal error')];
const withDb = (db: string, args: string[], env: Record<string, string> = {}) => tollgate(args, { cwd: root, env: { TOLLGATE_DB: db, ...env } });

/** A copy of the database with runs, next to its vault key. */
function copyOfGood(dir: string): string {
  mkdirSync(path.join(root, dir), { recursive: true });
  const file = path.join(root, dir, 'tollgate.db');
  copyFileSync(good, file);
  copyFileSync(path.join(root, '.tollgate', 'vault.key'), path.join(root, dir, 'vault.key'));
  return file;
}

describe('storage errors are user errors in every command', () => {
  it('empty, not a database, truncated, read-only, locked, and a full disk', async () => {
    const empty = path.join(root, 'empty', 'tollgate.db');
    mkdirSync(path.dirname(empty));
    writeFileSync(empty, '');
    const e = await withDb(empty, ['runs']);
    expect(asUser(e)).toEqual([74, false, false]);
    expect(e.stderr).toBe(`tollgate: ${empty} is empty (0 bytes), where a database with runs is expected: if it held runs, it was truncated; pass --init to start a new database in it\n`);
    expect(statSync(empty).size).toBe(0); // refused means untouched
    const init = await withDb(empty, ['--init', 'runs']);
    expect([init.code, init.stdout]).toEqual([0, 'no runs\n']);

    const text = path.join(root, 'text.db');
    writeFileSync(text, 'these are notes, not a database\n'.repeat(200));
    const t = await withDb(text, ['runs']);
    expect(asUser(t)).toEqual([74, false, false]);
    expect(t.stderr).toBe(`tollgate: ${text} is not a usable tollgate database (file is not a database): restore it from a backup, or move it aside to start a new one\n`);

    const truncated = copyOfGood('truncated');
    truncateSync(truncated, Math.floor(statSync(truncated).size / 2));
    const tr = await withDb(truncated, ['audit', 'verify']);
    expect(asUser(tr)).toEqual([74, false, false]);
    expect(tr.stderr).toMatch(/is not a usable tollgate database \((database disk image is malformed|file is not a database)\)/);

    const readOnly = copyOfGood('read-only');
    execFileSync('chattr', ['+i', readOnly]);
    try {
      const ro = await withDb(readOnly, ['run', 'refund-request', '--case', 'small-refund-auto']);
      expect(asUser(ro)).toEqual([74, false, false]);
      expect(ro.stderr).toMatch(new RegExp(`^tollgate: ${readOnly.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} cannot be written \\(.*\\): tollgate records runs and their journal there; check the file's permissions and attributes, or point TOLLGATE_DB elsewhere\\n$`));
      // Reading still works.
      const list = await withDb(readOnly, ['runs']);
      expect(list.code).toBe(0);
    } finally {
      execFileSync('chattr', ['-i', readOnly]);
    }

    const locked = copyOfGood('locked');
    const holder = new Database(locked);
    holder.exec('BEGIN EXCLUSIVE');
    try {
      const l = await withDb(locked, ['run', 'refund-request', '--case', 'small-refund-auto'], { TOLLGATE_BUSY_TIMEOUT_MS: '200' });
      expect(asUser(l)).toEqual([74, false, false]);
      expect(l.stderr).toBe(`tollgate: ${locked} is locked by another process: try again when it is done (a write waits for a lock up to TOLLGATE_BUSY_TIMEOUT_MS, 5000 by default)\n`);
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }

    const full = path.join(root, 'full');
    mkdirSync(full);
    const mount = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=320k', 'tmpfs', full], { encoding: 'utf8' });
    if (mount.status !== 0) throw new Error(`cannot mount a small tmpfs to fill (needs root and CAP_SYS_ADMIN): ${mount.stderr.trim()}`);
    mounts.push(full);
    copyFileSync(path.join(root, '.tollgate', 'vault.key'), path.join(full, 'vault.key'));
    // Runs fill the disk: the one that finds it full stops where it is, and every command after says so.
    const outcomes: CliResult[] = [];
    for (let i = 0; i < 8 && !outcomes.some((o) => o.code === 74); i++) outcomes.push(await withDb(path.join(full, 'tollgate.db'), ['run', 'refund-request', '--case', 'small-refund-auto']));
    const failed = outcomes.find((o) => o.code === 74)!;
    expect(asUser(failed)).toEqual([74, false, false]);
    expect(failed.stderr).toMatch(/the disk holding .*full\/tollgate\.db is full \(database or disk is full\): free some space and run again \(nothing was half-written\)/);
  }, 120_000);
});
