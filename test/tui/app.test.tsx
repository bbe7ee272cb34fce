import { render } from 'ink-testing-library';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { App, type TuiData } from '../../src/tui/index.ts';
import type { Workbench } from '../../src/workbench/index.ts';
import { openMini, startRefund } from '../support/workbench.ts';

let wb: Workbench;
let data: TuiData;
const ids: Record<string, string> = {};
const tick = () => new Promise((r) => setTimeout(r, 30));

/** Real runs in a real database: resolved, failed with a compensation, waiting for two approvals. */
beforeAll(async () => {
  wb = openMini();
  ids.resolved = (await startRefund(wb, 'O-1')).runId;
  ids.compensated = (await startRefund(wb, 'O-1', { faults: [{ tool: 'email.send', status: 422, times: 1 }] })).runId;
  ids.waiting = (await startRefund(wb, 'O-3')).runId;
  data = {
    runs: () => wb.runs.list(),
    journal: (id) => wb.journal(id),
    pendingApprovals: () => wb.approvals.list({ status: 'pending' }),
    decide: async (id, decision, comment) => (await wb.decide(id, 'bob', decision, comment ? { comment } : {})).verdict,
  };
});
afterAll(async () => wb?.close());

async function keys(stdin: { write(s: string): void }, ...seq: string[]) {
  for (const k of seq) {
    stdin.write(k);
    await tick();
  }
}

describe('tollgate tui', () => {
  it('lists runs newest first with outcome and cost, and filters by typing', async () => {
    const ui = render(<App data={data} identity="bob" />);
    await tick();
    const frame = ui.lastFrame()!;
    expect(frame.split('\n')[0]).toBe('tollgate · Runs (3)');
    expect(frame).toMatch(new RegExp(`refund +${ids.waiting} +waiting_approval`));
    // The selected line is marked without colour too (NO_COLOR, dumb terminals).
    expect(frame.split('\n')[1]).toMatch(new RegExp(`^› refund +${ids.waiting}`));
    expect(frame.split('\n')[2]).toMatch(/^ {2}refund /);
    expect(frame).toMatch(new RegExp(`refund +${ids.compensated} +compensated`));
    expect(frame).toMatch(new RegExp(`refund +${ids.resolved} +resolved`));
    await keys(ui.stdin, '/', 'c', 'o', 'm', 'p', 'e', 'n', 's', '\r');
    expect(ui.lastFrame()!.split('\n')[0]).toBe('tollgate · Runs (1)  filter: compens');
    expect(ui.lastFrame()).not.toContain(ids.resolved);
    ui.unmount();
  });

  it('opens a run as a step-through timeline; Enter shows an event; n/p move; q goes back', async () => {
    const ui = render(<App data={data} identity="bob" />);
    await tick();
    await keys(ui.stdin, '/', ids.compensated!.slice(-6), '\r', '\r');
    let frame = ui.lastFrame()!;
    expect(frame.split('\n')[0]).toContain(`Run ${ids.compensated}`);
    expect(frame).toContain('step triage (agent)');
    expect(frame).toContain('compensation tool → 200 {"cancelled":"R-1"}');
    await keys(ui.stdin, 'n', 'n', 'n', '\r');
    frame = ui.lastFrame()!;
    expect(frame).toMatch(/tool\.done {2}step triage\/call1 {2}seq \d+ {2}attempt 1/);
    await keys(ui.stdin, 'p', 'q');
    expect(ui.lastFrame()!.split('\n')[0]).toContain('Runs (');
    ui.unmount();
  });

  it('the approvals inbox: a two-person approval needs a second, distinct approver', async () => {
    const ui = render(<App data={data} identity="bob" />);
    await tick();
    await keys(ui.stdin, '2');
    let frame = ui.lastFrame()!;
    expect(frame.split('\n')[0]).toContain('Approvals (1) — acting as bob');
    expect(frame).toContain('refunds.create {"order_id":"O-3","amount":300}');
    expect(frame).toContain('needs:  2 × support-lead; 0 so far; started by alice');
    await keys(ui.stdin, 'a');
    await tick();
    expect(ui.lastFrame()).toContain('approved as bob: pending, 1 more needed');
    await keys(ui.stdin, 'a');
    await tick();
    expect(ui.lastFrame()).toContain('refused: "bob" has already decided on this approval');
    ui.unmount();
  });

  it('shows help on ?, respects a small terminal by truncating, and quits on q', async () => {
    const ui = render(<App data={data} identity="bob" />);
    await tick();
    await keys(ui.stdin, '?');
    expect(ui.lastFrame()).toContain('j / k, ↓ / ↑   move');
    await keys(ui.stdin, '?');
    // ink-testing-library's terminal is 100 columns wide: nothing may wrap past it.
    for (const line of ui.lastFrame()!.split('\n')) expect(line.length).toBeLessThanOrEqual(100);
    await keys(ui.stdin, 'q');
    ui.unmount();
  });
});
