import { AuditLog } from '../audit/index.ts';
import type { JournalStorage } from '../core/index.ts';
import { ApprovalStore, commitIfDue, EventStore, JournalStore, openDatabase, RunStore, VaultStore, type Db, type OpenOptions } from '../store/index.ts';
import type { HostStore } from './store.ts';

export interface SqliteStoreOptions extends OpenOptions {
  /** The key the vault's rows are encrypted with (kept outside the database), asked for once the database opened. */
  readonly vaultKey: () => Buffer;
  /** The journal as the host writes through it, given the store's own (the runtime counts rows; tests put faults in front). */
  readonly journal?: (store: JournalStorage) => JournalStorage;
}

/** A host store in one SQLite file (the database stays reachable for what only SQLite has: batched commits, eval reports). */
export function openSqliteStore(file: string, o: SqliteStoreOptions): HostStore & { readonly db: Db } {
  const { vaultKey, journal, ...open } = o;
  const db = openDatabase(file, open);
  let vault: VaultStore;
  try {
    vault = new VaultStore(db, vaultKey());
  } catch (error) {
    db.close();
    throw error;
  }
  const own = new JournalStore(db);
  return {
    db,
    runs: new RunStore(db),
    journal: journal ? journal(own) : own,
    approvals: new ApprovalStore(db),
    vault,
    events: new EventStore(db),
    audit: new AuditLog(db),
    transaction: (fn) => db.transaction(fn)(),
    commitIfDue: () => commitIfDue(db),
    close: () => db.close(),
  };
}
