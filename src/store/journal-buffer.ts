import type { JournalRow } from '../core/index.ts';

/**
 * How long a decided row may wait for the engine's next durable point before it is written anyway:
 * what a watcher (the TUI, `show`) lags behind a run that is reading or thinking.
 */
export const JOURNAL_FLUSH_MS = 50;

/**
 * A run's journal rows on their way to the database: written together, in one transaction, when
 * the engine needs them durable (see MakeDurable in the engine) or once the oldest has waited
 * JOURNAL_FLUSH_MS. One commit per step instead of one per row: commits were most of the
 * engine's time. `write` commits the rows it is given or throws, and the rows stay for the next try.
 */
export class JournalBuffer {
  #rows: JournalRow[] = [];
  #since = 0;
  #timer: NodeJS.Timeout | undefined;
  #closed = false;

  constructor(private readonly write: (rows: readonly JournalRow[]) => void) {}

  add(row: JournalRow): void {
    if (this.#closed) throw new Error('journal buffer used after its run stopped');
    this.#rows.push(row);
    if (this.#rows.length === 1) {
      this.#since = performance.now();
      // A run awaiting a slow reply would hold its rows back for as long: the timer writes them.
      this.#timer = setTimeout(() => this.#flushQuietly(), JOURNAL_FLUSH_MS);
      this.#timer.unref();
    } else if (performance.now() - this.#since >= JOURNAL_FLUSH_MS) {
      this.#flushQuietly();
    }
  }

  /** Writes every held row (one transaction), or throws and keeps them. */
  flush(): void {
    if (this.#rows.length === 0) return;
    this.write(this.#rows);
    this.#rows = [];
    clearTimeout(this.#timer);
  }

  /**
   * Ends the buffer with its execution: rows still held were never made durable (the store refused
   * them, and the run stopped there) and must not be written later, after rows that were lost
   * meanwhile (a rolled-back batch): a journal never has a hole.
   */
  close(): void {
    clearTimeout(this.#timer);
    this.#rows = [];
    this.#closed = true;
  }

  // Nobody waits on a timed write: a failure keeps the rows, and the next durable point tries again and reports.
  #flushQuietly(): void {
    try {
      this.flush();
    } catch {
      // kept for the next try
    }
  }
}
