import type { AuditLog } from '../audit/index.ts';
import type { ApprovalStorage, EventStorage, JournalStorage, RunStorage, VaultStorage } from '../core/index.ts';

/**
 * What a run host keeps, through the storage port: runs, their journals, approvals, the PII
 * vault, accepted event IDs and the audit chain. SQLite keeps them today (`sqlite-store.ts`).
 */
export interface HostStore {
  readonly runs: RunStorage;
  readonly journal: JournalStorage;
  readonly approvals: ApprovalStorage;
  readonly vault: VaultStorage;
  readonly events: EventStorage;
  readonly audit: AuditLog;
  /** Runs `fn` so that everything it writes lands together or not at all. */
  transaction<T>(fn: () => T): T;
  /** Commits the open batch when it is due (gold-case runs commit their writes in batches). */
  commitIfDue(): void;
  close(): void;
}
