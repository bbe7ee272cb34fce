export { openDatabase, defaultDatabasePath, type Db, type OpenOptions } from './database.ts';
export { immediate } from './transactions.ts';
export { JournalStore, journalRowFrom, type JournalRow, type RawJournalRow } from './journal-store.ts';
export { RunStore, runFromRow, type RawRun, RUN_STATUSES, type RunRecord, type RunStatus, type RunFilter } from './run-store.ts';
export { ApprovalStore, approvalFromRows, DECISIONS_OF_APPROVAL, type RawApproval, type RawDecision, type ApprovalRecord, type ApprovalDecision, type ApprovalStatus } from './approval-store.ts';
export { VaultStore, type StoredVaultEntry } from './vault-store.ts';
export { EvalStore, type StoredCaseResult } from './eval-store.ts';
export { AsyncReader } from './async-reader.ts';
export { asStorageError } from './storage-errors.ts';
