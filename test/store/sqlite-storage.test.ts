import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { ApprovalStore, EventStore, JournalStore, openDatabase, RunStore, VaultStore } from '../../src/store/index.ts';
import { storageConformance } from './storage-conformance.ts';

// The SQLite adapter, each test on a fresh database file.
storageConformance('SQLite (better-sqlite3, a file)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'tollgate-storage-'));
  const db = openDatabase(path.join(dir, 'test.db'), { init: true });
  return { runs: new RunStore(db), journal: new JournalStore(db), approvals: new ApprovalStore(db), vault: new VaultStore(db, randomBytes(32)), events: new EventStore(db), close: () => (db.close(), rmSync(dir, { recursive: true, force: true })) };
});

it('SQLite keeps vault values as ciphertext only', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'tollgate-storage-'));
  const file = path.join(dir, 'test.db');
  const db = openDatabase(file, { init: true });
  new RunStore(db).insert({ runId: 'run_c', correlationId: 'c', workflow: 'w', version: 1, definitionsDigest: 'd', env: 'dev', triggerType: 'event', status: 'running', event: {}, options: {}, startedAt: 1, ownerPid: null });
  new VaultStore(db, randomBytes(32)).put('run_c', { placeholder: '<EMAIL_ADDRESS_1>', entity: 'EMAIL_ADDRESS', value: 'jane.secret@example.com' });
  db.close();
  expect(readFileSync(file).includes('jane.secret')).toBe(false);
  rmSync(dir, { recursive: true, force: true });
});
