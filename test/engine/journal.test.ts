import { describe, expect, it } from 'vitest';
import { DivergenceError } from '../../src/engine/index.ts';
import { Journal } from '../../src/engine/journal.ts';
import { EffectFailed } from '../../src/shared/index.ts';
import type { JournalRow } from '../../src/core/index.ts';

function recorder() {
  const rows: JournalRow[] = [];
  let t = 1000;
  return { rows, sink: (r: JournalRow) => rows.push(r), now: () => (t += 5) };
}

describe('Journal', () => {
  it('records a mark and an effect as intent and result rows', async () => {
    const r = recorder();
    const j = new Journal([], r.sink, r.now);
    j.mark('step.entered', 'a', { step: 'a' });
    const out = await j.effect('tool', 'a', { x: 1 }, async () => 'result');
    expect(out).toMatchObject({ value: 'result', replayed: false });
    expect(r.rows.map((row) => [row.seq, row.kind, row.stepKey])).toEqual([[1, 'step.entered', 'a'], [2, 'tool.started', 'a'], [3, 'tool.done', 'a']]);
  });

  it('on re-execution reads recorded results and never runs the effect again', async () => {
    const first = recorder();
    await new Journal([], first.sink, first.now).effect('tool', 'a', { x: 1 }, async () => 'result');
    const second = recorder();
    let calls = 0;
    const out = await new Journal(first.rows, second.sink, second.now).effect('tool', 'a', { x: 1 }, async () => (calls++, 'other'));
    expect(out).toMatchObject({ value: 'result', replayed: true });
    expect(calls).toBe(0);
    expect(second.rows).toEqual([]);
  });

  it('executes again an effect that was started but has no result (the process died in flight)', async () => {
    const first = recorder();
    const j = new Journal([], first.sink, first.now);
    await expect(j.effect('tool', 'a', { x: 1 }, () => new Promise(() => { throw new Error('never'); }))).rejects.toThrow();
    const startedOnly = first.rows.slice(0, 1);
    const second = recorder();
    const out = await new Journal(startedOnly, second.sink, second.now).effect('tool', 'a', { x: 1 }, async () => 'second try');
    expect(out.value).toBe('second try');
    // The time since the last recorded row was the process's absence: noted first, as bookkeeping.
    expect(second.rows.map((row) => [row.seq, row.kind])).toEqual([[2, 'run.resumed'], [3, 'tool.done']]);
    const third = recorder();
    const again = await new Journal([...startedOnly, ...second.rows], third.sink, third.now).effect('tool', 'a', { x: 1 }, async () => 'not again');
    expect([again.value, again.replayed, third.rows]).toEqual(['second try', true, []]);
  });

  it('replays a recorded failure as the same classified failure', async () => {
    const first = recorder();
    const failure = { code: 'TG_TOOL_REJECTED', message: 'HTTP 400', retryable: false, status: 400 };
    await expect(new Journal([], first.sink, first.now).effect('tool', 'a', {}, async () => { throw new EffectFailed(failure); })).rejects.toThrow(EffectFailed);
    const replay = new Journal(first.rows, () => {}, () => 0).effect('tool', 'a', {}, async () => 'ok');
    await expect(replay).rejects.toMatchObject({ failure });
  });

  it('reports a divergence with the sequence number and both sides when the input differs', async () => {
    const first = recorder();
    await new Journal([], first.sink, first.now).effect('tool', 'refund', { amount: 40 }, async () => 'ok');
    const replay = new Journal(first.rows, () => {}, () => 0).effect('tool', 'refund', { amount: 400 }, async () => 'ok');
    const error = await replay.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DivergenceError);
    expect(error).toMatchObject({ seq: 1, recorded: { kind: 'tool.started', stepKey: 'refund' }, decided: { kind: 'tool.started', stepKey: 'refund', data: { amount: 400 } } });
  });

  it('reports a divergence when a different step is decided', () => {
    const first = recorder();
    new Journal([], first.sink, first.now).mark('transition', 'triage', { to: 'refund' });
    expect(() => new Journal(first.rows, () => {}, () => 0).mark('transition', 'triage', { to: 'escalate' })).toThrow(/journal mismatch at seq 1/);
  });

  it('takes its time from the journal while replaying', async () => {
    const first = recorder();
    const j = new Journal([], first.sink, first.now);
    j.mark('a', 'a', {});
    const replay = new Journal(first.rows, () => {}, () => 999_999);
    replay.mark('a', 'a', {});
    expect(replay.time).toBe(first.rows[0]!.ts);
  });
});
