/** @jsxRuntime automatic */
/** @jsxImportSource react */
import { render } from 'ink-testing-library';
import type { JournalRow, RunRecord } from '../src/store/index.ts';
import { App, type TuiData } from '../src/tui/index.ts';
import { percentile, type BenchResult } from './stats.ts';

const RUNS = 10_000;
const EVENTS = 5_000;

function fakeRuns(): RunRecord[] {
  return Array.from({ length: RUNS }, (_, i) => ({
    runId: `run_${String(i).padStart(6, '0')}`, correlationId: `c${i}`, workflow: i % 2 ? 'refund-request' : 'alert-fired', version: 1, definitionsDigest: 'd', env: 'dev',
    triggerType: 'event', status: 'completed', endState: 'resolved', reason: null, event: {}, options: {}, startedAt: 1_700_000_000_000 + i, updatedAt: 0,
    endedAt: 1_700_000_000_100 + i, ownerPid: null, tokensIn: 100, tokensOut: 20, costUsd: 0.0001, toolCalls: 3,
  }));
}

function journal(): JournalRow[] {
  return Array.from({ length: EVENTS }, (_, i) => ({
    seq: i + 1, kind: i % 3 === 0 ? 'step.entered' : i % 3 === 1 ? 'policy.decision' : 'transition', stepKey: `s${Math.floor(i / 3)}`, attempt: 1, inputSha256: null, ts: 1_700_000_000_000 + i,
    data: i % 3 === 0 ? { step: `s${Math.floor(i / 3)}`, kind: 'tool' } : i % 3 === 1 ? { effect: 'allow', tool: 'orders.get', ruleId: null, reason: 'allowed' } : { to: `s${Math.floor(i / 3) + 1}` },
  }));
}

const tick = () => new Promise((r) => setTimeout(r, 0));

/** Time to first paint of the runs view over 10,000 runs, and frame time scrolling a 5,000-event timeline. */
export async function benchTui(): Promise<BenchResult[]> {
  const runs = fakeRuns();
  const rows = journal();
  const data: TuiData = { runs: () => runs, journal: () => rows, pendingApprovals: () => [], decide: async () => ({ ok: true, status: 'approved', remaining: 0 }) };
  const t0 = performance.now();
  const ui = render(<App data={data} identity="bench" />);
  while (!ui.lastFrame()?.includes('Runs (10000)')) await tick();
  const firstPaint = performance.now() - t0;
  ui.stdin.write('\r');
  while (!ui.lastFrame()?.includes('Run run_')) await tick();
  const frames: number[] = [];
  for (let i = 0; i < 200; i++) {
    const before = ui.lastFrame();
    const t = performance.now();
    ui.stdin.write('j');
    while (ui.lastFrame() === before) await tick();
    frames.push(performance.now() - t);
  }
  ui.unmount();
  return [
    { name: `tui: first paint of the runs view over ${RUNS} runs`, figures: { ms: Math.round(firstPaint) } },
    { name: `tui: frame time moving through a ${EVENTS}-event timeline (200 keypresses)`, figures: { median_ms: percentile(frames, 50), p99_ms: percentile(frames, 99) } },
  ];
}
