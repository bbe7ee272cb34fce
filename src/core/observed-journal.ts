import type { JournalRow } from './journal-row.ts';
import type { JournalStorage } from './storage.ts';

/**
 * A journal storage in front of another that calls `before` with each row about to be appended
 * (before its write begins) and `after` with each row appended: the runtime counts there, tests
 * put their faults there.
 */
export function observedJournal(store: JournalStorage, hooks: { before?: (runId: string, row: JournalRow) => void; after?: (runId: string, row: JournalRow) => void }): JournalStorage {
  const seen = (runId: string, rows: JournalRow[]) => {
    for (const row of rows) hooks.after?.(runId, row);
    return rows;
  };
  return {
    read: (runId) => store.read(runId),
    transaction: (fn) => store.transaction(fn),
    append: (runId, row) => {
      hooks.before?.(runId, row);
      return seen(runId, [store.append(runId, row)])[0]!;
    },
    appendAll: (runId, rows, alongside) => {
      for (const row of rows) hooks.before?.(runId, row);
      return seen(runId, store.appendAll(runId, rows, alongside));
    },
  };
}
