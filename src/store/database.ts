import { existsSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { StorageError } from '../shared/index.ts';
import { checkBatch, noteFailure } from './batched-commits.ts';
import { createDatabaseFile } from './create-database.ts';
import { MIGRATIONS } from './migrations.ts';
import { asStorageError, noteDatabaseFile } from './storage-errors.ts';

export type Db = Database.Database;

export interface OpenOptions {
  /** Accept an existing 0-byte file and make a new database in it (`--init`). */
  readonly init?: boolean;
  /** How long a write waits for another process's lock before it fails (default 5 s). */
  readonly busyTimeoutMs?: number;
}

/**
 * Opens (creating if needed) a project database in WAL mode and brings its schema up to date.
 * Failures are storage errors naming the file; a 0-byte file is refused (a database that was
 * truncated must not be silently replaced by an empty one) unless `init` says to start one.
 */
export function openDatabase(file: string, o: OpenOptions = {}): Db {
  if (file !== ':memory:') {
    noteDatabaseFile(file);
    if (!o.init && existsSync(file) && statSync(file).isFile() && statSync(file).size === 0) {
      throw new StorageError('TG_STORAGE_EMPTY', `${file} is empty (0 bytes), where a database with runs is expected: if it held runs, it was truncated; pass --init to start a new database in it`);
    }
  }
  let db: Db | undefined;
  try {
    if (file !== ':memory:') {
      mkdirSync(path.dirname(file), { recursive: true });
      if (!existsSync(file)) createDatabaseFile(file, (fresh) => (fresh.pragma('journal_mode = WAL'), migrate(fresh)));
    }
    db = reusingStatements(new Database(file));
    db.pragma(`busy_timeout = ${Math.max(0, Math.floor(o.busyTimeoutMs ?? 5000))}`);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    migrate(db);
    return db;
  } catch (error) {
    db?.close();
    throw asStorageError(error, file) ?? error;
  }
}

/**
 * Prepares each SQL text once per connection: the hot paths (a journal row and its audit row per
 * effect) would otherwise compile the same statements again on every call. Statements here are
 * run to completion, never iterated, so sharing one is safe. Every statement and transaction first
 * asks whether a batch of writes was lost (batched-commits.ts).
 */
function reusingStatements(db: Db): Db {
  const statements = new Map<string, Database.Statement>();
  const prepare = db.prepare.bind(db);
  db.prepare = ((sql: string) => {
    checkBatch(db);
    let statement = statements.get(sql);
    if (!statement) statements.set(sql, (statement = noticingFailures(db, prepare(sql))));
    return statement;
  }) as Db['prepare'];
  const transaction = db.transaction.bind(db);
  db.transaction = ((fn: (...args: unknown[]) => unknown) => {
    const inner = transaction(fn);
    const guard = (run: (...args: unknown[]) => unknown) => (...args: unknown[]) => {
      checkBatch(db);
      try {
        return run(...args);
      } catch (error) {
        noteFailure(db, error);
        throw error;
      }
    };
    return Object.assign(guard(inner), { default: guard(inner.default), deferred: guard(inner.deferred), immediate: guard(inner.immediate), exclusive: guard(inner.exclusive) });
  }) as Db['transaction'];
  return db;
}

/** A write that fails may take a batch with it (SQLite rolls back on a full disk): the batch learns why. */
function noticingFailures(db: Db, statement: Database.Statement): Database.Statement {
  if (statement.reader) return statement;
  const run = statement.run.bind(statement);
  statement.run = ((...args: unknown[]) => {
    try {
      return run(...args);
    } catch (error) {
      noteFailure(db, error);
      throw error;
    }
  }) as Database.Statement['run'];
  return statement;
}

/**
 * Brings the schema up to date, one migration per transaction. The version is read again inside
 * each (write-locked) transaction: processes that open a new database at the same moment would
 * otherwise both start from version 0, and the second would apply migrations the first had done.
 */
function migrate(db: Db): void {
  const version = () => db.pragma('user_version', { simple: true }) as number;
  if (version() >= MIGRATIONS.length) return;
  const step = db.transaction(() => {
    const current = version();
    if (current >= MIGRATIONS.length) return false;
    db.exec(MIGRATIONS[current]!);
    db.pragma(`user_version = ${current + 1}`);
    return true;
  });
  while (step.immediate()) {
    // one migration per round
  }
}

/** The default database of a project. */
export function defaultDatabasePath(projectRoot: string): string {
  return path.join(projectRoot, '.tollgate', 'tollgate.db');
}
