import { createHash } from 'node:crypto';
import { canonicalJson } from '../shared/index.ts';

/** What an audit row says happened; its canonical JSON is what the chain hashes. */
export interface AuditBody {
  readonly ts: number;
  readonly actor: string;
  readonly action: string;
  readonly runId: string | null;
  readonly data: unknown;
}

export interface AuditRow {
  readonly seq: number;
  readonly ts: number;
  readonly actor: string;
  readonly action: string;
  readonly bodyJcs: string;
  readonly prevHash: string;
  readonly hash: string;
}

export const GENESIS_HASH = '0'.repeat(64);

/** hash = SHA-256(seq as 8 bytes big-endian ‖ prev_hash as 32 bytes ‖ body_jcs as UTF-8). */
export function chainHash(seq: number, prevHash: string, bodyJcs: string): string {
  const seqBytes = Buffer.alloc(8);
  seqBytes.writeBigUInt64BE(BigInt(seq));
  return createHash('sha256').update(seqBytes).update(Buffer.from(prevHash, 'hex')).update(bodyJcs, 'utf8').digest('hex');
}

export function nextRow(prev: Pick<AuditRow, 'seq' | 'hash'> | undefined, body: AuditBody): AuditRow {
  const seq = (prev?.seq ?? 0) + 1;
  const prevHash = prev?.hash ?? GENESIS_HASH;
  const bodyJcs = canonicalJson(body);
  return { seq, ts: body.ts, actor: body.actor, action: body.action, bodyJcs, prevHash, hash: chainHash(seq, prevHash, bodyJcs) };
}

export interface ChainProblem {
  /** The row where the problem shows (or the first missing position). */
  readonly seq: number;
  readonly kind: 'edited' | 'deleted' | 'inserted' | 'reordered' | 'truncated' | 'broken_link';
  readonly message: string;
}

/**
 * Walks every row (checking only the ends is what immudb's GHSA-672p-m5jq-mrh8 cost) and names
 * each row that was edited, deleted, inserted or moved; with a checkpoint, a cut tail too.
 */
export function verifyChain(rows: readonly AuditRow[], checkpoint?: { seq: number; hash: string }): { ok: boolean; head: { seq: number; hash: string }; problems: ChainProblem[] } {
  const problems: ChainProblem[] = [];
  const bySeq = new Map<number, AuditRow>();
  let highest = 0;
  for (const row of rows) {
    const body = parseBody(row.bodyJcs);
    const hashOk = chainHash(row.seq, row.prevHash, row.bodyJcs) === row.hash;
    const columnsOk = body !== undefined && body.ts === row.ts && body.actor === row.actor && body.action === row.action;
    if (!hashOk || !columnsOk) {
      problems.push({ seq: row.seq, kind: 'edited', message: `row ${row.seq} was edited: its ${hashOk ? 'columns differ from its hashed body' : 'hash does not match its contents'}` });
    }
    if (bySeq.has(row.seq)) {
      problems.push({ seq: row.seq, kind: 'inserted', message: `row ${row.seq} appears twice (inserted)` });
      continue;
    }
    if (row.seq < highest) problems.push({ seq: row.seq, kind: 'reordered', message: `row ${row.seq} is stored after row ${highest} (reordered)` });
    bySeq.set(row.seq, row);
    highest = Math.max(highest, row.seq);
  }
  let missingFrom: number | undefined;
  for (let seq = 1; seq <= highest + 1; seq++) {
    const row = bySeq.get(seq);
    if (!row && seq <= highest) {
      missingFrom ??= seq;
      continue;
    }
    if (missingFrom !== undefined) {
      problems.push({ seq: missingFrom, kind: 'deleted', message: `row${seq - 1 > missingFrom ? `s ${missingFrom}–${seq - 1} are` : ` ${missingFrom} is`} missing (deleted)` });
      missingFrom = undefined;
      continue; // its predecessor is gone, so its link cannot be checked
    }
    if (!row) break;
    const expectedPrev = seq === 1 ? GENESIS_HASH : bySeq.get(seq - 1)!.hash;
    if (row.prevHash !== expectedPrev) {
      problems.push({ seq, kind: 'broken_link', message: `row ${seq} does not link to row ${seq - 1}: a row before it was rewritten, inserted or removed` });
    }
  }
  const last = bySeq.get(highest);
  const head = { seq: highest, hash: last?.hash ?? GENESIS_HASH };
  if (checkpoint) {
    const at = bySeq.get(checkpoint.seq);
    if (highest < checkpoint.seq) {
      problems.push({ seq: highest + 1, kind: 'truncated', message: `the chain ends at row ${highest} but the checkpoint saw row ${checkpoint.seq} (${checkpoint.hash.slice(0, 12)}…): rows were cut from the end` });
    } else if (at && at.hash !== checkpoint.hash) {
      problems.push({ seq: checkpoint.seq, kind: 'edited', message: `row ${checkpoint.seq} differs from the checkpoint (the chain was rewritten from there)` });
    }
  }
  problems.sort((a, b) => a.seq - b.seq);
  return { ok: problems.length === 0, head, problems };
}

function parseBody(jcs: string): AuditBody | undefined {
  try {
    return JSON.parse(jcs) as AuditBody;
  } catch {
    return undefined;
  }
}
