export { RUN_STATUSES, type RunStatus, type RunRecord, type RunFilter } from './run.ts';
export type { JournalRow } from './journal-row.ts';
export type { ApprovalStatus, ApprovalRecord, ApprovalDecision } from './approval.ts';
export type { StoredVaultEntry } from './vault-entry.ts';
export { RESERVATION_STALE_MS, type RunStorage, type JournalStorage, type ApprovalStorage, type VaultStorage, type EventStorage } from './storage.ts';
export type { ChatMessage, ChatReply, ChatRequest, ModelClient, ToolCall, ToolSpec } from './model-call.ts';
export { costOf, type ModelPrices } from './pricing.ts';
export { observedJournal } from './observed-journal.ts';
