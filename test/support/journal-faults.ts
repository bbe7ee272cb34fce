import { observedJournal, type JournalRow, type JournalStorage } from '../../src/core/index.ts';

/**
 * A journal storage in front of the store's own that calls `before` with each row about to be
 * written, before the write begins: a test puts a fault there (a lock taken by another process, a
 * process gone), as the storage port lets any host be given its storage.
 */
export function journalWithFault(before: (row: JournalRow) => void): (store: JournalStorage) => JournalStorage {
  return (store) => observedJournal(store, { before: (_runId, row) => before(row) });
}
