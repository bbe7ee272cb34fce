import type { ApprovalDecision, ApprovalRecord, ApprovalStatus } from './approval.ts';
import type { JournalRow } from './journal-row.ts';
import type { RunFilter, RunRecord, RunStatus } from './run.ts';
import type { StoredVaultEntry } from './vault-entry.ts';

/**
 * The storage port: what the engine's hosts need kept, whatever keeps it. `store/` implements it
 * over SQLite (test/store/storage-conformance.ts is the suite an adapter passes); nothing in the
 * engine, policy, replay or workflow folders knows which.
 */
export interface RunStorage {
  insert(run: Omit<RunRecord, 'updatedAt' | 'endedAt' | 'endState' | 'reason' | 'tokensIn' | 'tokensOut' | 'costUsd' | 'toolCalls'>): void;
  get(runId: string): RunRecord | undefined;
  /** Runs whose ID is `idOrPrefix` or starts with it. */
  find(idOrPrefix: string): RunRecord[];
  /** Newest first. */
  list(filter?: RunFilter): RunRecord[];
  /** Running runs whose owner is gone (the lease lapsed): what to resume. */
  orphans(isAlive: (pid: number) => boolean): RunRecord[];
  /** Takes the run's lease for `pid`; false while a live owner holds it. */
  claim(runId: string, pid: number, isAlive: (pid: number) => boolean): boolean;
  update(runId: string, patch: { status?: RunStatus; endState?: string | null; reason?: string | null; endedAt?: number | null; ownerPid?: number | null; updatedAt: number }): void;
  setUsage(runId: string, usage: { tokensIn: number; tokensOut: number; costUsd: number; toolCalls: number }): void;
  saveDefinitions(digest: string, files: Record<string, string>, now: number): void;
  loadDefinitions(digest: string): Record<string, string> | undefined;
  /** How many runs are in each status (statuses with none left out). */
  countByStatus(): Partial<Record<RunStatus, number>>;
}

export interface JournalStorage {
  /** A run's rows in order. */
  read(runId: string): JournalRow[];
  /** Appends one row (returned as a read gives it back); a row at a seq that is taken is refused: one writer per position. */
  append(runId: string, row: JournalRow): JournalRow;
  /** Runs `fn` so that everything it writes lands together or not at all. */
  transaction<T>(fn: () => T): T;
  /**
   * Appends rows together with what `alongside` writes for each (their audit rows), all or none;
   * returns the rows as a read gives them back.
   */
  appendAll(runId: string, rows: readonly JournalRow[], alongside?: (row: JournalRow) => void): JournalRow[];
}

export interface ApprovalStorage {
  insert(a: Omit<ApprovalRecord, 'decisions' | 'status'>): void;
  get(approvalId: string): ApprovalRecord | undefined;
  find(idOrPrefix: string): ApprovalRecord[];
  list(filter?: { status?: ApprovalStatus; runId?: string }): ApprovalRecord[];
  /** Records a decision and the approval's new status together; `quorum` raises the approval's quorum with it (an edit that needs a stricter approval). */
  addDecision(approvalId: string, d: ApprovalDecision, newStatus: ApprovalStatus, quorum?: { approvers: number; role: string | null }): void;
}

export interface VaultStorage {
  put(runId: string, entry: StoredVaultEntry): void;
  list(runId: string): StoredVaultEntry[];
}

/**
 * Event IDs the runtime accepted, so the same event posted twice starts one run. A reservation
 * holds the ID before its run exists. One whose run never came (its process died in between) is
 * taken over once it is older than RESERVATION_STALE_MS; a younger one is another caller's, still
 * starting its run.
 */
export interface EventStorage {
  /** Reserves `eventKey` at `now`: reserved, already taken by a run (its ID), or being reserved by another caller right now. */
  reserve(eventKey: string, bundleVersion: number, now: number): { reserved: true } | { reserved: false; runId: string } | { reserved: false; pending: true };
  /** The run the reserved event started. */
  bind(eventKey: string, runId: string): void;
  /** Gives back a reservation that started no run (a refused event may be posted again). */
  release(eventKey: string): void;
  /** Reserves `eventKey` only if nobody ever did: true for exactly one caller however many try (a schedule's occurrence). */
  claim(eventKey: string, bundleVersion: number): boolean;
  /** The greatest reserved key that starts with `prefix` (keys that sort as they come: a schedule's newest occurrence). */
  latest(prefix: string): string | undefined;
}

/** How old a reservation without its run must be before another caller takes it over. */
export const RESERVATION_STALE_MS = 30_000;
