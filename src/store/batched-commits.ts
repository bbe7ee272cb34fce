import type Database from 'better-sqlite3';
import { asStorageError } from './storage-errors.ts';

type Db = Database.Database;

/** How often a batch commits: what a crash during an eval can lose. */
export const BATCH_COMMIT_MS = 100;

interface Batch {
  depth: number;
  timer: NodeJS.Timeout;
  /** When the open transaction began (performance.now()). */
  since: number;
  /** We hold an open transaction (a failed BEGIN leaves writes committing one by one until the next tick). */
  open: boolean;
  failure?: unknown;
}

const batches = new WeakMap<Db, Batch>();

/**
 * Runs `fn` with the connection's writes sharing one transaction, committed every BATCH_COMMIT_MS
 * (see commitIfDue; a timer covers idle stretches) and at the end. For runs whose rows need not be
 * durable one by one, gold cases: alone, every journal row commits its pages to the WAL by itself,
 * a fifth of an eval's time. Transactions inside become savepoints. A crash loses the open batch:
 * a suffix of every run's journal and of the audit chain, which a resume continues from as from
 * any crash. A commit that fails (a full disk), or a batch SQLite rolled back by itself, fails
 * `fn` as a storage error, the cause of whatever else then went wrong. Nests.
 */
export async function withBatchedCommits<T>(db: Db, fn: () => Promise<T>): Promise<T> {
  let batch = batches.get(db);
  if (batch) {
    batch.depth++;
  } else {
    batch = { depth: 1, open: false, since: 0, timer: setInterval(() => cycle(db, batch!), BATCH_COMMIT_MS) };
    batch.timer.unref();
    batches.set(db, batch);
    begin(db, batch);
  }
  let outcome: { ok: true; value: T } | { ok: false; error: unknown };
  try {
    outcome = { ok: true, value: await fn() };
  } catch (error) {
    outcome = { ok: false, error };
  }
  if (--batch.depth === 0) {
    clearInterval(batch.timer);
    batches.delete(db);
    commit(db, batch);
    if (batch.failure !== undefined) db.pragma('query_only = OFF');
  }
  // Rows lost with a batch make later writes fail for other reasons (a journal row whose run is gone): the loss is the cause.
  if (batch.failure !== undefined) throw asStorageError(batch.failure) ?? batch.failure;
  if (!outcome.ok) throw outcome.error;
  return outcome.value;
}

/**
 * Commits the open batch when it is BATCH_COMMIT_MS old. Called after each journal row, outside any
 * transaction of the caller's: an eval whose requests never leave the process may not yield to
 * the timer for seconds.
 */
export function commitIfDue(db: Db): void {
  const batch = batches.get(db);
  if (batch?.open && performance.now() - batch.since >= BATCH_COMMIT_MS) cycle(db, batch);
}

/**
 * Called before every statement and transaction of a connection (database.ts): once SQLite has
 * rolled a batch back by itself (a full disk mid-statement), the connection takes no more writes
 * until the batch ends; else later rows would commit one by one after a hole in their journals.
 */
export function checkBatch(db: Db): void {
  const batch = batches.get(db);
  if (batch?.open && !db.inTransaction) lose(db, batch, undefined);
}

/** After a statement or transaction failed: the failure is the batch's cause when the batch went with it. */
export function noteFailure(db: Db, error: unknown): void {
  const batch = batches.get(db);
  if (batch?.open && !db.inTransaction) lose(db, batch, error);
}

function lose(db: Db, batch: Batch, cause: unknown): void {
  batch.open = false;
  batch.failure ??= cause ?? Object.assign(new Error('SQLite rolled back a batch of writes after an error'), { code: 'SQLITE_IOERR' });
  db.pragma('query_only = ON');
}

function cycle(db: Db, batch: Batch): void {
  commit(db, batch);
  if (batch.failure === undefined) begin(db, batch);
}

function begin(db: Db, batch: Batch): void {
  if (db.inTransaction) return; // a transaction of someone else's is under way: the next tick tries again
  try {
    db.prepare('BEGIN IMMEDIATE').run();
    batch.open = true;
    batch.since = performance.now();
  } catch {
    // Busy (another process writes): writes commit one by one until the next tick.
  }
}

function commit(db: Db, batch: Batch): void {
  if (!batch.open) return;
  if (!db.inTransaction) return lose(db, batch, undefined);
  batch.open = false;
  try {
    db.prepare('COMMIT').run();
  } catch (error) {
    if (db.inTransaction) db.prepare('ROLLBACK').run();
    batch.open = true;
    lose(db, batch, error);
  }
}
