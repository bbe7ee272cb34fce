export { RUN_STATUSES, type RunStatus, type RunRecord, type RunFilter } from './run.ts';
export type { JournalRow } from './journal-row.ts';
export type { ApprovalStatus, ApprovalRecord, ApprovalDecision } from './approval.ts';
export type { StoredVaultEntry } from './vault-entry.ts';
export type { RunStorage, JournalStorage, ApprovalStorage, VaultStorage, EventStorage } from './storage.ts';
export type { ChatMessage, ChatReply, ChatRequest, ModelClient, ToolCall, ToolSpec } from './model-call.ts';
export { costOf, type ModelPrices } from './pricing.ts';
export { observedJournal } from './observed-journal.ts';
