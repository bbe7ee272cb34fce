import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { AuditLog, chainHash } from '../../src/audit/index.ts';
import { openDatabase, type Db } from '../../src/store/index.ts';

let db: Db;
let log: AuditLog;

beforeEach(() => {
  db = openDatabase(path.join(mkdtempSync(path.join(tmpdir(), 'tollgate-audit-')), 'audit.db'));
  log = new AuditLog(db);
  for (let i = 1; i <= 6; i++) log.append({ ts: 1_000 + i, actor: i % 2 ? 'engine' : 'bob', action: `action.${i}`, runId: 'run_1', data: { n: i } });
});

const problems = () => log.verify().problems.map((p) => [p.seq, p.kind]);

describe('audit chain verification catches each kind of tampering', () => {
  it('an untouched chain verifies, with its head', () => {
    const result = log.verify();
    expect(result.ok).toBe(true);
    expect(result.head.seq).toBe(6);
    expect(result.head.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('an edited body', () => {
    db.prepare(`UPDATE audit SET body_jcs = replace(body_jcs, '"n":3', '"n":4') WHERE seq = 3`).run();
    expect(problems()).toEqual([[3, 'edited']]);
  });

  it('an edited column (actor) that the body still names correctly', () => {
    db.prepare(`UPDATE audit SET actor = 'mallory' WHERE seq = 2`).run();
    expect(problems()).toEqual([[2, 'edited']]);
  });

  it('a row edited and re-hashed by someone who knows the scheme breaks the next link', () => {
    const row = log.rows()[2]!;
    const forged = row.bodyJcs.replace('"n":3', '"n":30');
    db.prepare('UPDATE audit SET body_jcs = ?, hash = ? WHERE seq = 3').run(forged, chainHash(3, row.prevHash, forged));
    expect(problems()).toEqual([[4, 'broken_link']]);
  });

  it('a deleted row', () => {
    db.prepare('DELETE FROM audit WHERE seq = 4').run();
    expect(problems()).toEqual([[4, 'deleted']]);
  });

  it('an inserted row', () => {
    const row = log.rows()[1]!;
    db.prepare('INSERT INTO audit (seq, ts, actor, action, body_jcs, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)').run(row.seq, row.ts, row.actor, row.action, row.bodyJcs, row.prevHash, row.hash);
    expect(problems()).toEqual([[2, 'inserted']]);
  });

  it('two rows swapped', () => {
    const [r2, r3] = [log.rows()[1]!, log.rows()[2]!];
    const put = db.prepare('UPDATE audit SET seq = ?, ts = ?, actor = ?, action = ?, body_jcs = ?, prev_hash = ?, hash = ? WHERE rowid = ?');
    const rowids = db.prepare('SELECT rowid AS id FROM audit ORDER BY rowid').all() as { id: number }[];
    put.run(r3.seq, r3.ts, r3.actor, r3.action, r3.bodyJcs, r3.prevHash, r3.hash, rowids[1]!.id);
    put.run(r2.seq, r2.ts, r2.actor, r2.action, r2.bodyJcs, r2.prevHash, r2.hash, rowids[2]!.id);
    expect(problems()).toEqual([[2, 'reordered']]);
  });

  it('a cut tail is seen only against a checkpoint kept elsewhere', () => {
    const checkpoint = { origin: 'tollgate-audit', ...log.verify().head };
    db.prepare('DELETE FROM audit WHERE seq >= 5').run();
    expect(log.verify().ok).toBe(true);
    expect(log.verify(checkpoint).problems.map((p) => [p.seq, p.kind])).toEqual([[5, 'truncated']]);
  });
});
