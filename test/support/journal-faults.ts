import type { JournalRow, JournalStorage } from '../../src/core/index.ts';

/**
 * A journal storage in front of the store's own that calls `before` with each row about to be
 * written, before the write begins: a test puts a fault there (a lock taken by another process, a
 * process gone), as the storage port lets any host be given its storage.
 */
export function journalWithFault(before: (row: JournalRow) => void): (store: JournalStorage) => JournalStorage {
  return (store) => ({
    read: (runId) => store.read(runId),
    append: (runId, row) => store.append(runId, row),
    transaction: (fn) => store.transaction(fn),
    appendAll: (runId, rows, alongside) => {
      for (const row of rows) before(row);
      return store.appendAll(runId, rows, alongside);
    },
  });
}
