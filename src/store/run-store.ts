import { RUN_STATUSES, type RunFilter, type RunRecord, type RunStatus, type RunStorage } from '../core/index.ts';
import type { Db } from './database.ts';

/** Runs table access. */
export class RunStore implements RunStorage {
  constructor(private readonly db: Db) {}

  insert(run: Omit<RunRecord, 'updatedAt' | 'endedAt' | 'endState' | 'reason' | 'tokensIn' | 'tokensOut' | 'costUsd' | 'toolCalls'>): void {
    this.db
      .prepare(
        `INSERT INTO runs (run_id, correlation_id, workflow, version, definitions_digest, env, trigger_type, status, event_json, options_json, started_at, updated_at, owner_pid)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(run.runId, run.correlationId, run.workflow, run.version, run.definitionsDigest, run.env, run.triggerType, run.status, JSON.stringify(run.event), JSON.stringify(run.options), run.startedAt, run.startedAt, run.ownerPid);
  }

  get(runId: string): RunRecord | undefined {
    const row = this.db.prepare('SELECT * FROM runs WHERE run_id = ?').get(runId) as RawRun | undefined;
    return row && runFromRow(row);
  }

  /** Finds a run by full ID or unique prefix. */
  find(idOrPrefix: string): RunRecord[] {
    const rows = this.db.prepare("SELECT * FROM runs WHERE run_id = ? OR run_id LIKE ? ESCAPE '\\' ORDER BY started_at DESC LIMIT 5").all(idOrPrefix, `${idOrPrefix.replace(/[%_\\]/g, '\\$&')}%`) as RawRun[];
    const exact = rows.find((r) => r.run_id === idOrPrefix);
    return exact ? [runFromRow(exact)] : rows.map(runFromRow);
  }

  list(filter: RunFilter = {}): RunRecord[] {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.workflow) (where.push('workflow = ?'), params.push(filter.workflow));
    if (filter.status) (where.push('status = ?'), params.push(filter.status));
    if (filter.since !== undefined) (where.push('started_at >= ?'), params.push(filter.since));
    const sql = `SELECT * FROM runs ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY started_at DESC, run_id DESC LIMIT ?`;
    return (this.db.prepare(sql).all(...params, filter.limit ?? 1000) as RawRun[]).map(runFromRow);
  }

  /** Runs that a process left unfinished (it died), for automatic resume. */
  orphans(isAlive: (pid: number) => boolean): RunRecord[] {
    return (this.db.prepare("SELECT * FROM runs WHERE status = 'running'").all() as RawRun[])
      .map(runFromRow)
      .filter((r) => r.ownerPid === null || !isAlive(r.ownerPid));
  }

  /** Takes ownership of a run for this process; false if a live process owns it. */
  claim(runId: string, pid: number, isAlive: (pid: number) => boolean): boolean {
    return this.db.transaction(() => {
      const run = this.get(runId);
      if (!run) return false;
      if (run.ownerPid !== null && run.ownerPid !== pid && run.status === 'running' && isAlive(run.ownerPid)) return false;
      this.db.prepare("UPDATE runs SET owner_pid = ?, status = 'running' WHERE run_id = ?").run(pid, runId);
      return true;
    }).immediate();
  }

  update(runId: string, patch: { status?: RunStatus; endState?: string | null; reason?: string | null; endedAt?: number | null; ownerPid?: number | null; updatedAt: number }): void {
    const sets: string[] = ['updated_at = ?'];
    const params: unknown[] = [patch.updatedAt];
    const col = { status: 'status', endState: 'end_state', reason: 'reason', endedAt: 'ended_at', ownerPid: 'owner_pid' } as const;
    for (const key of Object.keys(col) as (keyof typeof col)[]) {
      if (patch[key] !== undefined) (sets.push(`${col[key]} = ?`), params.push(patch[key]));
    }
    this.db.prepare(`UPDATE runs SET ${sets.join(', ')} WHERE run_id = ?`).run(...params, runId);
  }

  /** Totals are recomputed from the journal by each execution, so they are set, never added. */
  setUsage(runId: string, usage: { tokensIn: number; tokensOut: number; costUsd: number; toolCalls: number }): void {
    this.db.prepare('UPDATE runs SET tokens_in = ?, tokens_out = ?, cost_usd = ?, tool_calls = ? WHERE run_id = ?').run(usage.tokensIn, usage.tokensOut, usage.costUsd, usage.toolCalls, runId);
  }

  saveDefinitions(digest: string, files: Record<string, string>, now: number): void {
    this.db.prepare('INSERT OR IGNORE INTO definitions (digest, files_json, created_at) VALUES (?, ?, ?)').run(digest, JSON.stringify(files), now);
  }

  loadDefinitions(digest: string): Record<string, string> | undefined {
    const row = this.db.prepare('SELECT files_json FROM definitions WHERE digest = ?').get(digest) as { files_json: string } | undefined;
    return row && JSON.parse(row.files_json);
  }

  countByStatus(): Partial<Record<RunStatus, number>> {
    const rows = this.db.prepare('SELECT status, count(*) AS n FROM runs GROUP BY status').all() as { status: RunStatus; n: number }[];
    return Object.fromEntries(rows.map((r) => [r.status, r.n]));
  }
}

/** A runs row as SQLite holds it (`SELECT *`). */
export interface RawRun {
  run_id: string; correlation_id: string; workflow: string; version: number; definitions_digest: string; env: string; trigger_type: string;
  status: RunStatus; end_state: string | null; reason: string | null; event_json: string; options_json: string; started_at: number; updated_at: number;
  ended_at: number | null; owner_pid: number | null; tokens_in: number; tokens_out: number; cost_usd: number; tool_calls: number;
}

export function runFromRow(r: RawRun): RunRecord {
  return {
    runId: r.run_id, correlationId: r.correlation_id, workflow: r.workflow, version: r.version, definitionsDigest: r.definitions_digest,
    env: r.env, triggerType: r.trigger_type, status: r.status, endState: r.end_state, reason: r.reason, event: JSON.parse(r.event_json),
    options: JSON.parse(r.options_json), startedAt: r.started_at, updatedAt: r.updated_at, endedAt: r.ended_at, ownerPid: r.owner_pid,
    tokensIn: r.tokens_in, tokensOut: r.tokens_out, costUsd: r.cost_usd, toolCalls: r.tool_calls,
  };
}
