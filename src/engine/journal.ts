import { digestOf } from '../shared/index.ts';
import type { JournalRow } from '../core/index.ts';
import { DivergenceError, EffectFailed, JournalUnavailable, RunSuspended, type EffectFailure } from './errors.ts';

/** The bookkeeping row a re-execution writes when it takes over from a process that was gone. */
const RESUMED = 'run.resumed';

/** How often a journal row is offered to the store before the run stops. */
const WRITE_TRIES = 3;

/** Where journal rows go once decided (the SQLite store, or nowhere in a dry replay). */
export type JournalSink = (row: JournalRow) => void;

/**
 * Makes every row given to the sink so far durable, or throws. The sink may hold rows back until
 * then (one commit for many rows): the journal asks before an effect that changes the world and
 * when an execution ends, so a crash can lose only rows a re-execution decides again the same way
 * (reads and model answers are asked again; no write is sent on a decision that was not kept).
 */
export type MakeDurable = () => void;

/** Result of an effect: live, or read back from the journal. */
export interface EffectResult<T> {
  readonly value: T;
  readonly ts: number;
  readonly durationMs: number;
  readonly replayed: boolean;
}

/**
 * The run's journal: every decision (a mark) and every effect (a started row, then a done row).
 * On re-execution, recorded rows are matched in order; an effect with a stored result is never
 * executed again; one started but not finished (a crash) is executed again.
 */
export class Journal {
  readonly #recorded: readonly JournalRow[];
  readonly #sink: JournalSink;
  readonly #now: () => number;
  #seq = 0;
  #lastTs: number;
  #downMs = 0;
  #resumeNoted = false;

  readonly #onReplayed: (row: JournalRow) => void;
  readonly #makeDurable: MakeDurable;
  #lastWritten: JournalRow | undefined;

  constructor(
    recorded: readonly JournalRow[],
    sink: JournalSink,
    now: () => number,
    hooks: { onReplayed?: (row: JournalRow) => void; makeDurable?: MakeDurable } = {},
  ) {
    this.#onReplayed = hooks.onReplayed ?? (() => undefined);
    this.#makeDurable = hooks.makeDurable ?? (() => undefined);
    this.#recorded = recorded;
    this.#sink = sink;
    this.#now = now;
    this.#lastTs = recorded[0]?.ts ?? now();
  }

  /** True while rows are being read back rather than decided fresh. */
  get replaying(): boolean {
    return this.#seq < this.#recorded.length;
  }

  /** Time of the newest journal row: the run's notion of "now", deterministic on replay. */
  get time(): number {
    return this.#lastTs;
  }

  /** Time the run spent with no process executing it (crashes, a stopped server): not the run's own time. */
  get downtime(): number {
    return this.#downMs;
  }

  /** Records a deterministic decision; on replay, checks it matches what was recorded. */
  mark(kind: string, stepKey: string, data: unknown): void {
    const digest = digestOf(data ?? null);
    const recorded = this.#match(kind, stepKey, digest, data);
    if (recorded) return;
    this.#write(kind, stepKey, 1, digest, data);
  }

  /**
   * Runs `exec` once per run, durably; its input digest must match on replay. `changesWorld`: the
   * journal so far is made durable before `exec` runs (writes, approval requests).
   */
  async effect<T>(kind: string, stepKey: string, input: unknown, exec: () => Promise<T>, attempt = 1, options: { changesWorld?: boolean } = {}): Promise<EffectResult<T>> {
    const digest = digestOf(input ?? null);
    const started = this.#match(`${kind}.started`, stepKey, digest, input);
    if (started) {
      this.#skipResumes();
      const done = this.#recorded[this.#seq];
      if (done && done.kind === `${kind}.done` && done.stepKey === stepKey) {
        this.#onReplayed(done);
        this.#seq++;
        this.#lastTs = done.ts;
        const data = done.data as { output?: T; error?: EffectFailure; duration_ms: number };
        if (data.error) throw new EffectFailed(data.error);
        return { value: data.output as T, ts: done.ts, durationMs: data.duration_ms, replayed: true };
      }
      if (done) this.#diverge({ kind: `${kind}.done`, stepKey, inputSha256: null });
      // Started but never finished: the process died in flight. Execute again (same idempotency key).
    } else {
      this.#write(`${kind}.started`, stepKey, attempt, digest, { input });
    }
    if (options.changesWorld) this.settle();
    const begin = this.#now();
    let value: T;
    try {
      value = await exec();
    } catch (error) {
      // A suspension is not a result: on resume the effect runs again.
      if (error instanceof RunSuspended) throw error;
      const failure = error instanceof EffectFailed ? error.failure : { code: 'TG_EFFECT_ERROR', message: error instanceof Error ? error.message : String(error), retryable: false };
      const ts = this.#now();
      this.#write(`${kind}.done`, stepKey, attempt, null, { error: failure, duration_ms: ts - begin });
      throw new EffectFailed(failure);
    }
    // The effect happened: a journal that cannot say so is not a failed effect (see #write).
    const ts = this.#now();
    this.#write(`${kind}.done`, stepKey, attempt, null, { output: value, duration_ms: ts - begin });
    return { value, ts, durationMs: ts - begin, replayed: false };
  }

  /** Makes the rows written so far durable (see MakeDurable); a store that cannot stops the run. */
  settle(): void {
    if (!this.#lastWritten) return;
    for (let tries = 1; ; tries++) {
      try {
        this.#makeDurable();
        return;
      } catch (error) {
        if (tries >= WRITE_TRIES) throw new JournalUnavailable(this.#lastWritten, error);
      }
    }
  }

  #match(kind: string, stepKey: string, digest: string, data: unknown): JournalRow | undefined {
    this.#skipResumes();
    const recorded = this.#recorded[this.#seq];
    if (!recorded) return undefined;
    if (recorded.kind !== kind || recorded.stepKey !== stepKey || recorded.inputSha256 !== digest) {
      this.#diverge({ kind, stepKey, inputSha256: digest, data });
    }
    this.#onReplayed(recorded);
    this.#seq++;
    this.#lastTs = recorded.ts;
    return recorded;
  }

  /** `run.resumed` rows are bookkeeping, not decisions: they are read for the downtime they record. */
  #skipResumes(): void {
    for (let r = this.#recorded[this.#seq]; r?.kind === RESUMED; r = this.#recorded[this.#seq]) {
      this.#downMs += (r.data as { down_ms: number }).down_ms;
      this.#onReplayed(r);
      this.#seq++;
      this.#lastTs = r.ts;
    }
  }

  /**
   * The first row a re-execution writes after the recorded ones: the time since the last recorded
   * row was downtime (the process was gone), unless the run was waiting for people (counted apart).
   */
  #noteResume(): void {
    if (this.#resumeNoted || this.#recorded.length === 0 || this.#seq < this.#recorded.length) return;
    this.#resumeNoted = true;
    const last = this.#recorded.at(-1)!;
    const down = this.#now() - this.#lastTs;
    if (down <= 0 || last.kind === 'approval.started') return;
    this.#downMs += down;
    this.#append({ seq: this.#seq + 1, kind: RESUMED, stepKey: 'run', attempt: 1, inputSha256: null, data: { down_ms: down }, ts: this.#now() });
  }

  #diverge(decided: { kind: string; stepKey: string; inputSha256: string | null; data?: unknown }): never {
    const r = this.#recorded[this.#seq]!;
    throw new DivergenceError(r.seq, { kind: r.kind, stepKey: r.stepKey, inputSha256: r.inputSha256, data: r.data }, decided);
  }

  /**
   * Appends a row, trying again when the store refuses (each try waits out the store's busy
   * timeout). A row that still cannot be written stops the run: it stays running, and its next
   * execution repeats from the last row written (an effect with the same idempotency key).
   */
  #write(kind: string, stepKey: string, attempt: number, inputSha256: string | null, data: unknown): void {
    this.#noteResume();
    this.#append({ seq: this.#seq + 1, kind, stepKey, attempt, inputSha256, data, ts: Math.max(this.#now(), this.#lastTs) });
  }

  #append(row: JournalRow): void {
    for (let tries = 1; ; tries++) {
      try {
        this.#sink(row);
        break;
      } catch (error) {
        if (tries >= WRITE_TRIES) throw new JournalUnavailable(row, error);
      }
    }
    this.#seq++;
    this.#lastTs = row.ts;
    this.#lastWritten = row;
  }
}
