import type { JournalRow, JournalStorage } from '../core/index.ts';
import type { Statement } from 'better-sqlite3';
import type { Db } from './database.ts';
import { immediate } from './transactions.ts';

/** Reads and appends journal rows of one database. */
export class JournalStore implements JournalStorage {
  readonly #append: Statement<unknown[]>;
  readonly #read: Statement<[string]>;

  constructor(private readonly db: Db) {
    this.#append = db.prepare(
      'INSERT INTO events (run_id, seq, kind, step_key, attempt, input_sha256, data_json, ts) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.#read = db.prepare('SELECT seq, kind, step_key, attempt, input_sha256, data_json, ts FROM events WHERE run_id = ? ORDER BY seq');
  }

  read(runId: string): JournalRow[] {
    return (this.#read.all(runId) as RawJournalRow[]).map(journalRowFrom);
  }

  /**
   * Appends one row; the primary key (run_id, seq) refuses a second writer at the same seq.
   * Returns the row as a read gives it back (its data through JSON, as stored).
   */
  append(runId: string, row: JournalRow): JournalRow {
    const json = JSON.stringify(row.data);
    this.#append.run(runId, row.seq, row.kind, row.stepKey, row.attempt, row.inputSha256, json, row.ts);
    return { ...row, data: JSON.parse(json) };
  }

  transaction<T>(fn: () => T): T {
    return immediate(this.db, fn);
  }

  appendAll(runId: string, rows: readonly JournalRow[], alongside?: (row: JournalRow) => void): JournalRow[] {
    return this.transaction(() => rows.map((row) => {
      const kept = this.append(runId, row);
      alongside?.(row);
      return kept;
    }));
  }
}

/** A journal row as SQLite holds it (`SELECT seq, kind, step_key, attempt, input_sha256, data_json, ts`). */
export interface RawJournalRow {
  seq: number;
  kind: string;
  step_key: string;
  attempt: number;
  input_sha256: string | null;
  data_json: string;
  ts: number;
}

export function journalRowFrom(r: RawJournalRow): JournalRow {
  return { seq: r.seq, kind: r.kind, stepKey: r.step_key, attempt: r.attempt, inputSha256: r.input_sha256, data: JSON.parse(r.data_json), ts: r.ts };
}
