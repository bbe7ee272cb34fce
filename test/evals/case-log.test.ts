import { existsSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { FileCaseLog, MemoryCaseLog, reportJsonPieces, summaryOf, totalsOf, type CaseReport, type EvalReport } from '../../src/evals/index.ts';

const claim = (text: string, verdict: 'grounded' | 'ungrounded' | 'unchecked') => ({ source: 'steps.a.output', claim: text, verdict, atoms: [] });
const full = (key: string, pass: boolean): CaseReport => ({
  key, id: key.split('/')[1]!, workflow: key.split('/')[0]!, file: `evals/gold/${key}.yaml`, run_id: `run_${key.replace('/', '_')}`, end: pass ? 'resolved' : 'escalated', pass, failed: pass ? [] : ['outcome'],
  scores: [
    { scorer: 'outcome', score: pass ? 1 : 0, pass, reason: pass ? 'ended resolved as expected' : 'ended escalated, expected resolved — "quoted" \\ text\nwith a newline', details: { end: pass ? 'resolved' : 'escalated', nested: { list: [1, 2, { deep: 'ü ✓ 😀' }] } } },
    { scorer: 'grounding', score: 0.5, pass: true, reason: '1 of 2 claims', details: { claims: [claim('Paid 77 USD.', 'ungrounded'), claim('Thanks.', 'unchecked'), claim('Order 12.', 'grounded')], judge: 'judge:8b' } },
  ],
  cost_usd: 0.000013, tokens: 129, latency_ms: 12, latency_source: 'modelled', grounded: pass, hard_violations: 0, policy_blocks: pass ? 0 : 1, tool_calls: 4, approvals: 0,
  coverage: ['policy:open/writes@dev#live', `workflow:${key}#taken`],
});

function reportOf(cases: CaseReport[]): { report: EvalReport; file: object } {
  const head = { tollgate_report: 1 as const, created_at: '2026-12-07T00:00:00.000Z', model: null, shards: [{ index: 1, total: 2 }] };
  const summaries = cases.map((c) => summaryOf(c));
  return { report: { ...head, cases: summaries, totals: totalsOf(summaries) }, file: { ...head, cases, totals: totalsOf(cases) } };
}

describe('case logs and the report file written a case at a time', () => {
  const cases = [full('wf/a', true), full('wf/b', false), full('other/c', true)];

  for (const [name, make] of [['in memory', () => new MemoryCaseLog()], ['in a file', () => new FileCaseLog()]] as const) {
    it(`writes the same bytes as JSON.stringify of the whole report (${name})`, () => {
      const log = make();
      for (const c of [...cases].reverse()) log.add(c); // completion order need not be report order
      const { report, file } = reportOf(cases);
      const extra = { verdict: { pass: false, reasons: [{ code: 'x', message: 'y' }] }, coverage: { totals: { ratio: 0.5 } } };
      expect([...reportJsonPieces(report, log, extra)].join('')).toBe(`${JSON.stringify({ ...file, ...extra }, null, 2)}\n`);
      expect([...reportJsonPieces(report, log)].join('')).toBe(`${JSON.stringify(file, null, 2)}\n`);
      expect(log.get('wf/b')).toEqual(cases[1]);
      expect(() => log.text('wf/none')).toThrow('no case wf/none in this eval');
      if (log instanceof FileCaseLog) log.close();
    });
  }

  it('writes an empty report as JSON.stringify does', () => {
    const { report, file } = reportOf([]);
    expect([...reportJsonPieces(report, new MemoryCaseLog())].join('')).toBe(`${JSON.stringify(file, null, 2)}\n`);
  });

  it('keeps its file private and removes it on close', () => {
    const before = new Set(readdirSync(tmpdir()).filter((f) => f.startsWith('tollgate-cases-')));
    const log = new FileCaseLog();
    log.add(cases[0]!);
    const [dir] = readdirSync(tmpdir()).filter((f) => f.startsWith('tollgate-cases-') && !before.has(f));
    const file = `${tmpdir()}/${dir}/cases.json`;
    expect(statSync(file).mode & 0o077).toBe(0);
    log.close();
    expect(existsSync(`${tmpdir()}/${dir}`)).toBe(false);
  });

  it('summarises a case without the scorers\' details, keeping the counts and the ungrounded claims', () => {
    const s = summaryOf(cases[1]!);
    expect(s.scores.map((x) => Object.keys(x))).toEqual([['scorer', 'score', 'pass', 'reason'], ['scorer', 'score', 'pass', 'reason']]);
    expect(s.grounding).toEqual({ checked: 2, ungrounded: 1, unchecked: 1, judged: true, claims: [claim('Paid 77 USD.', 'ungrounded')] });
    expect({ ...s, scores: undefined, grounding: undefined }).toEqual({ ...cases[1], scores: undefined, grounding: undefined });
  });
});
