import type { Db } from './database.ts';

/** What a run owns, table by table, in the order their references need. */
const RUN_TABLES = ['runs', 'events', 'approvals', 'approval_decisions', 'vault'] as const;

/**
 * Copies every run of another database file (an eval worker's) into this one in one transaction,
 * with its journal, approvals, vault rows and definitions. Its audit rows are not copied: each
 * body goes to `appendAudit`, oldest first, inside the same transaction, for this database's one
 * chain. SQLite attaches outside a transaction, so this runs outside any (a batch included).
 */
export function copyRunsFrom(db: Db, file: string, appendAudit: (bodyJcs: string) => void): { runs: number } {
  db.prepare('ATTACH DATABASE ? AS other').run(file);
  try {
    return db.transaction(() => {
      for (const table of RUN_TABLES) db.exec(`INSERT INTO main.${table} SELECT * FROM other.${table}`);
      db.exec('INSERT OR IGNORE INTO main.definitions SELECT * FROM other.definitions');
      for (const row of db.prepare('SELECT body_jcs FROM other.audit ORDER BY seq').all() as { body_jcs: string }[]) appendAudit(row.body_jcs);
      return { runs: (db.prepare('SELECT count(*) AS n FROM other.runs').get() as { n: number }).n };
    })();
  } finally {
    db.exec('DETACH DATABASE other');
  }
}
