import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/index.ts';
import { createDatabaseFile } from '../../src/store/create-database.ts';
import { tollgate } from '../support/cli.ts';
import { copyExampleProject } from '../support/mini-project.ts';

// Several tollgate processes opening a database that does not exist yet (three canaries started
// at once in CI did): each must find no file or a whole one, migrate it once, and share one vault key.
describe('processes that open a new database at the same moment', () => {
  it('all start, against one database and one vault key', async () => {
    const root = copyExampleProject();
    // (Before the fix, about one start in four of six such processes failed: "table runs already exists", or the empty file refused as truncated.)
    const dir = mkdtempSync(path.join(tmpdir(), 'tollgate-open-'));
    const db = path.join(dir, 'tollgate.db');
    const results = await Promise.all(Array.from({ length: 6 }, () => tollgate(['runs'], { cwd: root, env: { TOLLGATE_DB: db } })));
    expect(results.map((r) => [r.code, r.stderr])).toEqual(Array.from({ length: 6 }, () => [0, '']));
    expect(readdirSync(dir).filter((f) => !['tollgate.db', 'tollgate.db-wal', 'tollgate.db-shm', 'vault.key', 'logs'].includes(f))).toEqual([]);
  }, 60_000);

  it('a database file another process made first is used as it is', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tollgate-open-'));
    const file = path.join(dir, 'tollgate.db');
    const first = openDatabase(file);
    first.prepare('CREATE TABLE marker (x)').run();
    first.close();
    createDatabaseFile(file, (db) => db.prepare('CREATE TABLE other (y)').run());
    const db = new Database(file, { readonly: true });
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
    db.close();
    expect(tables).toContain('marker');
    expect(tables).not.toContain('other');
    expect(readdirSync(dir).filter((f) => f.includes('.new'))).toEqual([]);
  });
});
