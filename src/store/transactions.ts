import type Database from 'better-sqlite3';
import type { Db } from './database.ts';

const transactions = new WeakMap<Db, Database.Transaction<(fn: () => unknown) => unknown>>();

/** Runs `fn` in an IMMEDIATE transaction (a savepoint inside an open one), with one wrapper per connection. */
export function immediate<T>(db: Db, fn: () => T): T {
  let run = transactions.get(db);
  if (!run) transactions.set(db, (run = db.transaction((f: () => unknown) => f())));
  return run.immediate(fn) as T;
}
