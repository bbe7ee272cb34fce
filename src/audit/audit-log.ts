import { writeFileSync, readFileSync, existsSync, mkdirSync, renameSync } from 'node:fs';
import path from 'node:path';
import { immediate, type Db } from '../store/index.ts';
import { nextRow, verifyChain, type AuditBody, type AuditRow } from './chain.ts';

/** Checkpoint kept outside the database, so a cut tail is seen (C2SP checkpoint shape: origin, size, hash). */
export interface AuditCheckpoint {
  readonly origin: string;
  readonly seq: number;
  readonly hash: string;
}

/** The append-only, hash-chained audit table. */
export class AuditLog {
  constructor(private readonly db: Db) {}

  /** Appends in an IMMEDIATE transaction so concurrent processes never fork the chain. */
  append(body: Omit<AuditBody, 'runId'> & { runId?: string | null }): AuditRow {
    return immediate(this.db, () => {
      const last = this.db.prepare('SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined;
      const row = nextRow(last, { ...body, runId: body.runId ?? null });
      this.db.prepare('INSERT INTO audit (seq, ts, actor, action, body_jcs, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)').run(row.seq, row.ts, row.actor, row.action, row.bodyJcs, row.prevHash, row.hash);
      return row;
    });
  }

  rows(): AuditRow[] {
    return (this.db.prepare('SELECT seq, ts, actor, action, body_jcs, prev_hash, hash FROM audit ORDER BY rowid').all() as RawAudit[]).map((r) => ({
      seq: r.seq, ts: r.ts, actor: r.actor, action: r.action, bodyJcs: r.body_jcs, prevHash: r.prev_hash, hash: r.hash,
    }));
  }

  verify(checkpoint?: AuditCheckpoint) {
    return verifyChain(this.rows(), checkpoint);
  }
}

interface RawAudit {
  seq: number; ts: number; actor: string; action: string; body_jcs: string; prev_hash: string; hash: string;
}

export function readCheckpoint(file: string): AuditCheckpoint | undefined {
  if (!existsSync(file)) return undefined;
  const [origin, seq, hash] = readFileSync(file, 'utf8').trim().split('\n');
  if (!origin || !seq || !hash || !/^\d+$/.test(seq) || !/^[0-9a-f]{64}$/.test(hash)) return undefined;
  return { origin, seq: Number(seq), hash };
}

/** Writes a checkpoint note: origin line, tree size, head hash (unsigned until release keys exist). */
export function writeCheckpoint(file: string, checkpoint: AuditCheckpoint): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.tmp`;
  writeFileSync(temp, `${checkpoint.origin}\n${checkpoint.seq}\n${checkpoint.hash}\n`);
  renameSync(temp, file);
}
