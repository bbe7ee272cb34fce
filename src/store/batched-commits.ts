import type Database from 'better-sqlite3';
import { asStorageError } from './storage-errors.ts';

type Db = Database.Database;

/** How long a batch stays open: what a crash during an eval can lose. */
export const BATCH_COMMIT_MS = 100;
/**
 * How long the write lock is left free between batches, for other processes writing the same
 * database (two evals, a TUI deciding an approval): SQLite's busy handler polls at most every
 * 100 ms, so a writer waiting out a 5 s busy timeout finds one of these gaps.
 */
export const BATCH_GAP_MS = 40;

interface Batch {
  depth: number;
  timer: NodeJS.Timeout;
  /** When the open transaction began, or the last one ended (performance.now()). */
  since: number;
  /** We hold an open transaction (after a failed BEGIN, writes commit one by one until the next try, a gap later). */
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
    batch = { depth: 1, open: false, since: 0, timer: setInterval(() => commitIfDue(db), BATCH_COMMIT_MS / 4) };
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
  // A statement the full disk refused inside the batch (the batch itself survived) is as much a storage error.
  if (!outcome.ok) throw asStorageError(outcome.error) ?? outcome.error;
  return outcome.value;
}

/**
 * Commits the open batch when it is BATCH_COMMIT_MS old; the next begins with the first statement
 * after BATCH_GAP_MS (checkBatch). Called after each journal row, outside any transaction of the
 * caller's (an eval whose requests never leave the process may not yield to the timer for
 * seconds), and by a timer.
 */
export function commitIfDue(db: Db): void {
  const batch = batches.get(db);
  if (batch?.open && performance.now() - batch.since >= BATCH_COMMIT_MS) commit(db, batch);
}

/**
 * Called before every statement and transaction of a connection (database.ts): once SQLite has
 * rolled a batch back by itself (a full disk mid-statement), the connection takes no more writes
 * until the batch ends; else later rows would commit one by one after a hole in their journals.
 */
export function checkBatch(db: Db): void {
  const batch = batches.get(db);
  if (!batch) return;
  if (batch.open && !db.inTransaction) lose(db, batch, undefined);
  else if (!batch.open && batch.failure === undefined && !db.inTransaction && performance.now() - batch.since >= BATCH_GAP_MS) begin(db, batch);
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

function begin(db: Db, batch: Batch): void {
  batch.since = performance.now();
  try {
    // Not through db.prepare: that is what calls checkBatch.
    beginStatement(db).run();
    batch.open = true;
  } catch {
    // Busy (another process writes): writes commit one by one until the gap after this try.
  }
}

function commit(db: Db, batch: Batch): void {
  if (!batch.open) return;
  if (!db.inTransaction) return lose(db, batch, undefined);
  batch.open = false;
  batch.since = performance.now();
  try {
    db.prepare('COMMIT').run();
  } catch (error) {
    if (db.inTransaction) db.prepare('ROLLBACK').run();
    batch.open = true;
    lose(db, batch, error);
  }
}

const begins = new WeakMap<Db, Database.Statement>();
function beginStatement(db: Db): Database.Statement {
  let statement = begins.get(db);
  if (!statement) begins.set(db, (statement = Object.getPrototypeOf(db).prepare.call(db, 'BEGIN IMMEDIATE') as Database.Statement));
  return statement;
}
