import type { RunDefinitions } from '../engine/index.ts';
import { parseDuration, type EffectFailure } from '../shared/index.ts';
import type { JournalRow } from '../core/index.ts';
import { DEFAULT_RETRY, retryDelay } from '../tools/index.ts';
import type { GoldCase } from '../workflow/index.ts';

/** What a run would have taken in a world that answers at once except where it was told not to. */
export interface ModelledLatency {
  readonly totalMs: number;
  /** Per step (`triage`, `lookup#2`, `compensate:refund`): its attempts plus the backoff before its retries. */
  readonly stepsMs: Record<string, number>;
  /** The part of the total the engine slept between attempts. */
  readonly backoffMs: number;
}

export interface ModelledLatencyInput {
  readonly runId: string;
  readonly journal: readonly Pick<JournalRow, 'kind' | 'stepKey' | 'attempt' | 'data'>[];
  /** The faults the mocked tools were given (the gold case's). */
  readonly faults: GoldCase['faults'];
  readonly definitions: Pick<RunDefinitions, 'tools' | 'workflow'>;
}

interface ToolCallInput {
  readonly tool: string;
  readonly idempotency_key: string;
  readonly attempt: number;
  readonly dry_run: boolean;
}

interface EffectDone {
  readonly output?: { readonly durationMs?: number };
  readonly error?: EffectFailure;
}

/** Failures raised before a request leaves: such an attempt never reaches a (mocked) tool. */
const NOT_SENT = new Set(['TG_TOOL_ARGS_INVALID']);
const DEFAULT_STEP_TIMEOUT_MS = 30_000;

/**
 * The run's modelled duration from its own record: timeouts as given, injected fault delays,
 * declared model latencies and the backoff the engine slept; everything else answers in 0 ms.
 * Approval waits are people's time and are not counted. Pure: the same journal, the same figure.
 */
export function modelledLatency(input: ModelledLatencyInput): ModelledLatency {
  const { definitions } = input;
  // Mirrors the mocked world: each request that reaches a faulted tool uses up one of its `times`.
  const faults = input.faults.map((f) => ({ tool: f.tool, delayMs: f.delay ? (parseDuration(f.delay) ?? 0) : 0, left: f.times }));
  // Journals from before timeouts carried their milliseconds: the configured timeout instead.
  const stepTimeoutMs = parseDuration(definitions.workflow.limits.step_timeout ?? '') ?? DEFAULT_STEP_TIMEOUT_MS;
  const started = new Map<string, Record<string, unknown>>();
  const stepsMs: Record<string, number> = {};
  let backoffMs = 0;
  const add = (key: string, attemptMs: number, waitMs: number) => {
    const step = key.split('/')[0]!;
    stepsMs[step] = (stepsMs[step] ?? 0) + attemptMs + waitMs;
    backoffMs += waitMs;
  };

  for (const row of input.journal) {
    if (row.kind === 'tool.started' || row.kind === 'model.started') {
      started.set(`${row.kind}:${row.stepKey}`, (row.data as { input?: Record<string, unknown> }).input ?? {});
      continue;
    }
    if (row.kind !== 'tool.done' && row.kind !== 'model.done') continue;
    const kind = row.kind === 'tool.done' ? 'tool' : 'model';
    const call = started.get(`${kind}.started:${row.stepKey}`);
    if (!call) continue;
    const done = row.data as EffectDone;
    const attempt = typeof call.attempt === 'number' ? call.attempt : row.attempt;
    if (kind === 'tool') {
      const tool = call as unknown as ToolCallInput;
      const connector = definitions.tools.get(tool.tool);
      let delayMs = 0;
      if (!tool.dry_run && !NOT_SENT.has(done.error?.code ?? '')) {
        const fault = faults.find((f) => f.tool === tool.tool && f.left > 0);
        if (fault) {
          fault.left--;
          delayMs = fault.delayMs;
        }
      }
      const attemptMs = done.error?.code === 'TG_TOOL_TIMEOUT' ? (done.error.timeoutMs ?? parseDuration(connector?.timeout ?? '') ?? stepTimeoutMs) : delayMs;
      const waitMs = done.error ? (retryDelay(connector?.retry ?? DEFAULT_RETRY, attempt, done.error, `${tool.idempotency_key}#${attempt}`) ?? 0) : 0;
      add(row.stepKey, attemptMs, waitMs);
    } else {
      const attemptMs = done.error?.code === 'TG_MODEL_TIMEOUT' ? (done.error.timeoutMs ?? stepTimeoutMs) : (done.output?.durationMs ?? 0);
      const waitMs = done.error ? (retryDelay(DEFAULT_RETRY, attempt, done.error, `${input.runId}:${row.stepKey}#${attempt}`) ?? 0) : 0;
      add(row.stepKey, attemptMs, waitMs);
    }
  }
  return { totalMs: Object.values(stepsMs).reduce((s, ms) => s + ms, 0), stepsMs, backoffMs };
}
