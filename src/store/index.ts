export { openDatabase, defaultDatabasePath, type Db } from './database.ts';
export { JournalStore, type JournalRow } from './journal-store.ts';
export { RunStore, RUN_STATUSES, type RunRecord, type RunStatus, type RunFilter } from './run-store.ts';
export { ApprovalStore, type ApprovalRecord, type ApprovalDecision, type ApprovalStatus } from './approval-store.ts';
export { VaultStore, type StoredVaultEntry } from './vault-store.ts';
export { EvalStore, type StoredCaseResult } from './eval-store.ts';
