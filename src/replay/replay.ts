import { diffJson, diffWordsWithSpace, type Change } from 'diff';
import { DivergenceError, executeRun, type ApprovalInbox, type RunDefinitions, type RunResult } from '../engine/index.ts';
import type { ModelClient } from '../core/index.ts';
import { PiiVault } from '../policy/index.ts';
import { EffectFailed, type Clock } from '../shared/index.ts';
import type { JournalRow } from '../core/index.ts';
import type { Recording } from '../trace/index.ts';

export interface ReplayDivergence {
  readonly seq: number;
  readonly step: string;
  readonly recorded: { kind: string; stepKey: string; data: unknown };
  readonly decided: { kind: string; stepKey: string; data: unknown };
  /** Changes between recorded and decided data (text diff for prompts, structural for arguments). */
  readonly changes: Change[];
}

export type ReplayReport =
  | { readonly identical: true; readonly result: RunResult; readonly events: number }
  | { readonly identical: false; readonly divergence: ReplayDivergence; readonly events: number };

/** Effects that must never be reached during a replay driven by a recording. */
const refuse = (what: string) => () => Promise.reject(new EffectFailed({ code: 'TG_REPLAY_UNRECORDED', message: `replay needed a ${what} that the recording does not hold`, retryable: false }));

const recordedClock = (rows: readonly JournalRow[]): Clock => ({ now: () => rows.at(-1)?.ts ?? 0, sleep: async () => undefined });

/**
 * Re-executes a recorded run with `defs`, answering every effect from its journal. Returns
 * "identical" or the first divergence (as Temporal's non-determinism error reports it).
 */
export async function replayRecording(recording: Recording, defs: RunDefinitions): Promise<ReplayReport> {
  const { run, journal } = recording;
  const decided: JournalRow[] = [];
  const noModel: ModelClient = { chat: refuse('model reply'), digest: refuse('model digest') };
  const inbox: ApprovalInbox = { open: () => undefined, state: () => ({ status: 'pending', approvers: [] }) };
  let events = 0;
  try {
    const result = await executeRun(
      defs,
      { runId: run.runId, correlationId: run.correlationId, env: run.env as 'dev', event: run.event as Record<string, unknown>, startedAt: run.startedAt, requestedBy: run.requestedBy, ...(run.modelOverride ? { modelOverride: run.modelOverride } : {}) },
      { model: noModel, sendTool: refuse('tool reply'), approvals: inbox, clock: recordedClock(journal), vault: PiiVault.overRecording() },
      journal,
      (row) => void decided.push(row),
      { onReplayed: () => void events++ },
    );
    if (decided.length > 0) {
      const first = decided[0]!;
      return { identical: false, events, divergence: divergence(first.seq, undefined, { kind: first.kind, stepKey: first.stepKey, data: first.data }) };
    }
    return { identical: true, result, events };
  } catch (error) {
    if (!(error instanceof DivergenceError)) throw error;
    const rec = journal[error.seq - 1]!;
    return { identical: false, events, divergence: divergence(error.seq, { kind: rec.kind, stepKey: rec.stepKey, data: rec.data }, { kind: error.decided.kind, stepKey: error.decided.stepKey, data: error.decided.data }) };
  }
}

function divergence(seq: number, recorded: ReplayDivergence['recorded'] | undefined, decided: ReplayDivergence['decided']): ReplayDivergence {
  const rec = recorded ?? { kind: '(end of recording)', stepKey: '', data: null };
  return { seq, step: (decided.stepKey || rec.stepKey).split('/')[0]!, recorded: rec, decided, changes: changesBetween(unwrap(rec.data), unwrap(decided.data)) };
}

/** Effect rows hold `{ input }`; compare what was asked, not the wrapper. */
function unwrap(data: unknown): unknown {
  return data && typeof data === 'object' && 'input' in data ? (data as { input: unknown }).input : data;
}

function changesBetween(a: unknown, b: unknown): Change[] {
  if (typeof a === 'string' && typeof b === 'string') return diffWordsWithSpace(a, b);
  return diffJson((a ?? null) as object, (b ?? null) as object);
}
