import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkbenchSource } from '../../src/tui/index.ts';
import { Workbench } from '../../src/workbench/index.ts';
import { tollgate } from '../support/cli.ts';
import { TICKET_EVENT } from '../support/mini-project.ts';
import { DOWN, ESC, keys, lines, show, titleBecomes, waitFor, type Ui } from '../support/tui.tsx';
import { openMini, startRefund } from '../support/workbench.ts';

/**
 * Real runs in a real SQLite file, read by the TUI through its worker thread: a resolved run, a run
 * failed with a compensation, a run waiting for two approvals, and a resolved run whose replay
 * diverges once the policy changes. Frames are asserted as a person reads them.
 */
let wb: Workbench;
let changed: Workbench;
let dbPath: string;
const sources: WorkbenchSource[] = [];
const ids: Record<string, string> = {};

beforeAll(async () => {
  wb = openMini();
  dbPath = path.join(wb.root, '.tollgate', 'test.db');
  // A run kept only as a trace file (another database wrote it): an incident's recording.
  writeFileSync(path.join(wb.root, 'event.json'), JSON.stringify(TICKET_EVENT));
  const traced = await tollgate(['run', 'refund', '--event', 'event.json', '--script', 'fixtures/models/o2.yaml', '--as', 'alice', '--json'], { cwd: wb.root, env: { TOLLGATE_DB: path.join(wb.root, '.tollgate', 'other.db') } });
  ids.traced = (JSON.parse(traced.stdout) as { runId: string }).runId;
  ids.resolved = (await startRefund(wb, 'O-1')).runId;
  ids.compensated = (await startRefund(wb, 'O-1', { faults: [{ tool: 'email.send', status: 422, times: 1 }] })).runId;
  ids.waiting = (await startRefund(wb, 'O-3')).runId;
  // Today's policy asks for approval from $30: the $40 refund the runs above made now needs one.
  const policy = path.join(wb.root, 'workflows/policies/support.yaml');
  writeFileSync(policy, readFileSync(policy, 'utf8').replace('when: "args.amount > 50"', 'when: "args.amount > 30"'));
  changed = Workbench.open(wb.root, { dbPath });
});
afterAll(async () => {
  for (const s of sources) await s.close();
  await changed?.close();
  await wb?.close();
});

/** $EDITOR set, for the length of `fn`, to a script that writes `json` as the edited arguments. */
async function withEditor(json: string, fn: () => Promise<void>): Promise<void> {
  const editor = path.join(wb.root, 'edit-with.sh');
  const previous = process.env.EDITOR;
  writeFileSync(editor, `#!/bin/sh\nprintf '%s' '${json}' > "$1"\n`);
  chmodSync(editor, 0o755);
  process.env.EDITOR = editor;
  try {
    await fn();
  } finally {
    process.env.EDITOR = previous;
  }
}

function sourceFor(bench: Workbench, identity = 'bob', db = dbPath): WorkbenchSource {
  const s = new WorkbenchSource(bench, identity, { dbPath: db });
  sources.push(s);
  return s;
}



describe('runs view', () => {
  it('lists database runs and trace-file runs newest first, with outcome, cost, approvals and blocks', async () => {
    const ui = show(sourceFor(wb));
    const frame = await waitFor(ui, 'Runs (4)');
    expect(lines(frame)[0]).toBe('tollgate · Runs (4)');
    expect(lines(frame)[1]).toMatch(/^ {2}WORKFLOW +RUN +OUTCOME +TIME +COST +APPR +BLK$/);
    // The cursor line is marked without colour too (NO_COLOR, dumb terminals).
    expect(lines(frame)[2]).toMatch(new RegExp(`^› refund +${ids.waiting} +waiting_approval +\\S+ +\\$0\\.\\d{6} +1/1 +-$`));
    expect(frame).toMatch(new RegExp(`refund +${ids.compensated} +compensated +\\S+ +\\$0\\.\\d{6} +- +-`));
    expect(frame).toMatch(new RegExp(`refund +${ids.resolved} +resolved `));
    expect(frame).toMatch(new RegExp(`refund +${ids.traced} \\(trace\\) +waiting_approval`));
    // Under the list, the selected run in full: its ID (cut in a narrow terminal) and correlation ID.
    expect(frame).toMatch(new RegExp(`^ {2}${ids.waiting} · correlation cor_\\w+ · started \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d *$`, 'm'));
    ui.unmount();
  });

  it('filters by typed text, cycles status (s) and workflow (w) filters, and clears them (c)', async () => {
    const ui = show(sourceFor(wb));
    await waitFor(ui, 'Runs (4)');
    await keys(ui, '/', 'c', 'o', 'm', 'p', '\u007f', 'p', 'e', 'n', 's');
    expect(ui.lastFrame()).toContain('filter: compens▏ (Enter to apply, Esc to cancel)');
    await keys(ui, '\r');
    expect(await titleBecomes(ui, 'tollgate · Runs (1 of 4)  filter: compens')).toBe('tollgate · Runs (1 of 4)  filter: compens');
    expect(ui.lastFrame()).not.toContain(ids.resolved);
    await keys(ui, 'c', 's');
    expect(await titleBecomes(ui, 'tollgate · Runs (1 of 4)  status: compensated')).toBe('tollgate · Runs (1 of 4)  status: compensated');
    await keys(ui, 's');
    expect(await titleBecomes(ui, 'tollgate · Runs (1 of 4)  status: resolved')).toBe('tollgate · Runs (1 of 4)  status: resolved');
    await keys(ui, 's', 's');
    expect(await titleBecomes(ui, 'tollgate · Runs (4)')).toBe('tollgate · Runs (4)');
    await keys(ui, 'w');
    expect(await titleBecomes(ui, 'tollgate · Runs (4)  workflow: refund')).toBe('tollgate · Runs (4)  workflow: refund');
    await keys(ui, '/', 'z', 'z', ESC);
    expect(await titleBecomes(ui, 'tollgate · Runs (4)  workflow: refund')).toBe('tollgate · Runs (4)  workflow: refund');
    // Run IDs are [0-9a-z]: a hyphen matches none of them.
    await keys(ui, '/', 'z', '-', 'z', '\r');
    expect(ui.lastFrame()).toContain('no runs match the filters (c clears them)');
    ui.unmount();
  });

  it('moves with j/k, arrows and g/G, and updates live while another process adds a run', async () => {
    const ui = show(sourceFor(wb));
    await waitFor(ui, 'Runs (4)');
    await keys(ui, 'j', DOWN);
    expect(lines(ui.lastFrame()!)[4]).toMatch(/^› /);
    await keys(ui, 'k');
    expect(lines(ui.lastFrame()!)[3]).toMatch(/^› /);
    await keys(ui, 'G');
    expect(lines(ui.lastFrame()!)[5]).toMatch(/^› /);
    await keys(ui, 'g');
    expect(lines(ui.lastFrame()!)[2]).toMatch(/^› /);
    const added = await startRefund(wb, 'O-2');
    // The list repaints as the store changes: the new run shows as it is once it waits for its approval.
    await waitFor(ui, new RegExp(`refund +${added.runId} +waiting_approval`));
    await waitFor(ui, 'Runs (5)');
    ids.extra = added.runId;
    ui.unmount();
  });
});

describe('run view: the step-through debugger', () => {
  it('opens a failed run with its compensation; n/p step by decision; Enter opens what the agent saw', async () => {
    const ui = show(sourceFor(wb), { initial: { name: 'run', runId: ids.compensated! } });
    let frame = await waitFor(ui, `Run ${ids.compensated} · refund v1 · compensated`);
    expect(lines(frame)[0]).toBe(`tollgate · Run ${ids.compensated} · refund v1 · compensated`);
    expect(frame).toContain('tool failed: TG_TOOL_REJECTED HTTP 422: injected fault: 422');
    expect(frame).toContain('compensation tool → 200 {"cancelled":"R-1"}');
    expect(frame).toMatch(/run compensated: /);
    expect(lines(frame)[1]).toMatch(/^1\/\d+ │ so far 0\+0 tokens · \$0\.000000 · 0 tool calls · 0 blocks/);
    await keys(ui, 'n');
    frame = ui.lastFrame()!;
    expect(lines(frame)[1]).toMatch(/^2\/\d+ │ so far \d+\+\d+ tokens · \$0\.\d{6}/);
    await keys(ui, '\r');
    frame = ui.lastFrame()!;
    expect(lines(frame)[2]).toMatch(/^model\.done {2}step triage\/turn1 {2}journal row \d+ of \d+ {2}attempt 1$/);
    expect(frame).toMatch(/model llama3\.2:3b · \d+ in \/ \d+ out tokens · \$0\.\d{6} · \d+ ms/);
    expect(frame).toContain('[system · trusted]');
    expect(frame).toContain('[user · untrusted]');
    // What the agent saw folds to the width: the system prompt is read whole, nothing cut with …
    expect(lines(frame).filter((l) => l.endsWith('…'))).toEqual([]);
    expect(frame).toContain('┊ <<untrusted_data>>');
    // What the agent saw is tokenised: the customer's address never reaches the screen.
    expect(frame).not.toContain('pat@example.com');
    await keys(ui, 'n');
    frame = ui.lastFrame()!;
    expect(lines(frame)[2]).toMatch(/^policy\.decision {2}step triage\/call1/);
    expect(frame).toContain('effect:  allow');
    await keys(ui, 'n');
    expect(ui.lastFrame()).toContain('result: HTTP 200');
    expect(ui.lastFrame()).toContain('untrusted (tool output)');
    await keys(ui, 'p', 'p');
    expect(lines(ui.lastFrame()!)[2]).toMatch(/^model\.done/);
    await keys(ui, 'q');
    expect(ui.lastFrame()).toContain('step triage (agent)');
    ui.unmount();
  });

  it('follows a run live: approved elsewhere, its timeline grows to the end without a key', async () => {
    const run = await startRefund(wb, 'O-2');
    const ui = show(sourceFor(wb), { initial: { name: 'run', runId: run.runId } });
    await waitFor(ui, `Run ${run.runId} · refund v1 · waiting_approval`);
    expect(ui.lastFrame()).not.toContain('end: resolved');
    const approval = wb.approvals.list({ runId: run.runId })[0]!;
    expect((await wb.decide(approval.approvalId, 'carol', 'approve')).verdict).toMatchObject({ ok: true, status: 'approved' });
    await waitFor(ui, `Run ${run.runId} · refund v1 · resolved`);
    await waitFor(ui, 'approval approved by carol');
    ui.unmount();
  });

  it('shows a policy block with its rule and reason', async () => {
    const blocked = await startRefund(wb, 'O-4');
    const ui = show(sourceFor(wb), { initial: { name: 'run', runId: blocked.runId } });
    await waitFor(ui, 'policy deny refunds.create [refund-cap]: Refunds over $500 need a person');
    while (!/^› .*policy deny/m.test(ui.lastFrame()!)) await keys(ui, 'n');
    await keys(ui, '\r');
    const frame = ui.lastFrame()!;
    expect(frame).toContain('effect:  deny');
    expect(frame).toContain('policy:  support@2   rule: refund-cap');
    expect(frame).toContain('reason:  Refunds over $500 need a person');
    expect(frame).toMatch(/1 blocks/);
    ui.unmount();
  });

  it('r replays a run: identical under the definitions it ran with', async () => {
    const ui = show(sourceFor(wb), { initial: { name: 'run', runId: ids.resolved! } });
    await waitFor(ui, 'end: resolved');
    await keys(ui, 'r');
    const frame = await waitFor(ui, 'replay identical');
    expect(frame).toMatch(/replay identical: \d+ events, the run ends resolved as recorded/);
    expect(frame).not.toContain('DIVERGED');
    ui.unmount();
  });

  it('r replays a run known only from its trace file', async () => {
    const ui = show(sourceFor(wb), { initial: { name: 'run', runId: ids.traced! } });
    await waitFor(ui, `Run ${ids.traced} · refund v1 · waiting_approval`);
    await keys(ui, 'r');
    await waitFor(ui, /replay identical: \d+ events, the run ends waiting_approval as recorded/);
    ui.unmount();
  });

  it('r marks the first divergence in the timeline when the policy changed, and Enter shows the diff', async () => {
    const ui = show(sourceFor(changed), { initial: { name: 'run', runId: ids.resolved! } });
    await waitFor(ui, 'end: resolved');
    await keys(ui, 'r');
    let frame = await waitFor(ui, 'replay DIVERGED');
    expect(frame).toMatch(/replay DIVERGED at event \d+ \(step refund\); Enter shows the diff/);
    // The cursor sits on the mark, placed just before the recorded decision that differs.
    const marked = lines(frame).findIndex((l) => l.startsWith('› ✗ DIVERGED'));
    expect(marked).toBeGreaterThan(1);
    expect(lines(frame)[marked]).toMatch(/DIVERGED at event \d+ \(step refund\): recorded policy\.decision refund, now policy\.decision refund/);
    expect(lines(frame)[marked + 1]).toMatch(/┆\+\d\.\d{3}s {3}policy allow refunds\.create/);
    await keys(ui, '\r');
    frame = ui.lastFrame()!;
    expect(frame).toContain('The replay diverged at event');
    expect(frame).toContain('-   "effect": "allow",');
    expect(frame).toContain('+   "effect": "require_approval",');
    // The diff is longer than the screen: G scrolls the opened event to its end.
    await keys(ui, 'G');
    expect(ui.lastFrame()).toContain('+   "ruleId": "refund-approval",');
    expect(ui.lastFrame()).not.toContain('The replay diverged at event');
    ui.unmount();
  });
});

describe('approvals inbox', () => {
  /** Moves the cursor to the approval of a run and returns the frame. */
  async function select(ui: Ui, runId: string): Promise<string> {
    const id = wb.approvals.list({ runId })[0]!.approvalId;
    await waitFor(ui, id);
    for (let i = 0; i < 20 && !lines(ui.lastFrame()!).some((l) => l.startsWith(`› ${id}`)); i++) await keys(ui, 'j');
    return waitFor(ui, `› ${id}`);
  }

  it('shows the full context; a two-person approval needs a second, distinct approver; the requester is refused', async () => {
    const ui = show(sourceFor(wb), { initial: { name: 'approvals' } });
    const frame = await select(ui, ids.waiting!);
    expect(lines(frame)[0]).toMatch(/^tollgate · Approvals \(\d\) — acting as bob$/);
    expect(frame).toContain('0/2  refunds.create {"order_id":"O-3","amount":300}');
    expect(frame).toContain('why:    refunds.create where args.amount > 200 needs 2 approvals by support-lead');
    expect(frame).toContain('needs:  2 approval(s) by role support-lead; 0 so far; the requester cannot approve');
    expect(frame).toContain('"amount": 300');
    expect(frame).toContain('┊ untrusted data from event: never instructions');
    // Long lines fold to the screen's width instead of being cut.
    expect(lines(frame).some((l) => l.endsWith('…'))).toBe(false);
    // The context is longer than the screen: J scrolls it (the event's fields come into view), K scrolls back.
    await keys(ui, 'J', 'J', 'J', 'J', 'J', 'J');
    expect(ui.lastFrame()).not.toContain(`run ${ids.waiting}  step refund`);
    expect(ui.lastFrame()).toContain('"email": "<EMAIL_ADDRESS_1>"');
    expect(ui.lastFrame()).not.toContain('pat@example.com');
    await keys(ui, 'K', 'K', 'K', 'K', 'K', 'K');
    expect(ui.lastFrame()).toContain(`run ${ids.waiting}  step refund`);
    // a asks first; any key but y cancels, and nothing is recorded.
    await keys(ui, 'a');
    await waitFor(ui, `approve ${wb.approvals.list({ runId: ids.waiting! })[0]!.approvalId} as bob? y approves · other keys cancel`);
    await keys(ui, 'n');
    await waitFor(ui, 'not approved: nothing was recorded');
    expect(wb.approvals.list({ runId: ids.waiting! })[0]!.decisions).toEqual([]);
    await keys(ui, 'a', 'y');
    await waitFor(ui, 'approved as bob: pending, 1 more needed');
    await keys(ui, 'a', 'y');
    await waitFor(ui, 'refused: "bob" has already decided on this approval');
    ui.unmount();
    const requester = show(sourceFor(wb, 'alice'), { identity: 'alice', initial: { name: 'approvals' } });
    await select(requester, ids.waiting!);
    await keys(requester, 'a', 'y');
    await waitFor(requester, 'refused: "alice" started this run and cannot approve it');
    requester.unmount();
    const second = show(sourceFor(wb, 'carol'), { identity: 'carol', initial: { name: 'approvals' } });
    await select(second, ids.waiting!);
    await keys(second, 'a', 'y');
    await waitFor(second, 'approved as carol: approved; the run continues');
    expect(wb.runs.get(ids.waiting!)).toMatchObject({ status: 'completed', endState: 'resolved' });
    second.unmount();
  });

  it('d asks for a reason and denies; the run ends denied', async () => {
    const run = await startRefund(wb, 'O-2');
    const ui = show(sourceFor(wb, 'carol'), { identity: 'carol', initial: { name: 'approvals' } });
    await select(ui, run.runId);
    await keys(ui, 'd');
    expect(ui.lastFrame()).toMatch(/why deny apr_\w+: ▏/);
    await keys(ui, '\r');
    await waitFor(ui, 'a denial needs a reason: nothing was recorded');
    await keys(ui, 'd', 'n', 'o', 't', ' ', 'e', 'l', 'i', 'g', 'i', 'b', 'l', 'e', '\r');
    await waitFor(ui, 'denied as carol: denied');
    expect(wb.runs.get(run.runId)!.status).toBe('denied');
    ui.unmount();
  });

  it('e edits the arguments in $EDITOR, checked against the tool schema, then approves them', async () => {
    const run = await startRefund(wb, 'O-3');
    const editor = path.join(wb.root, 'edit.sh');
    const previous = process.env.EDITOR;
    try {
      // First an edit that drops a required argument: refused, nothing recorded.
      writeFileSync(editor, '#!/bin/sh\nprintf \'{ "order_id": "O-3" }\' > "$1"\n');
      chmodSync(editor, 0o755);
      process.env.EDITOR = editor;
      const ui = show(sourceFor(wb, 'carol'), { identity: 'carol', initial: { name: 'approvals' } });
      await select(ui, run.runId);
      await keys(ui, 'e');
      await waitFor(ui, "not approved: the edited arguments do not match refunds.create's schema");
      expect(wb.approvals.list({ runId: run.runId })[0]!.decisions).toEqual([]);
      // Then a valid edit: $250 instead of $300, by carol; the count restarts on the edited action.
      writeFileSync(editor, '#!/bin/sh\nprintf \'{ "order_id": "O-3", "amount": 250 }\' > "$1"\n');
      await keys(ui, 'e');
      // The confirmation says what the edit changes; cancelled, nothing is recorded and the edit is kept.
      await waitFor(ui, /approve apr_\w+ with amount 300 → 250 as carol\? y approves/);
      await keys(ui, 'n');
      await waitFor(ui, /not approved: nothing was recorded for apr_\w+ \(e reopens the edit\)/);
      expect(wb.approvals.list({ runId: run.runId })[0]!.decisions).toEqual([]);
      await keys(ui, 'e');
      await waitFor(ui, /approve apr_\w+ with amount 300 → 250 as carol\? y approves/);
      await keys(ui, 'y');
      await waitFor(ui, 'approved with edited arguments as carol: pending, 1 more needed');
      ui.unmount();
    } finally {
      process.env.EDITOR = previous;
    }
    const second = show(sourceFor(wb, 'bob'), { initial: { name: 'approvals' } });
    await select(second, run.runId);
    await keys(second, 'a', 'y');
    await waitFor(second, 'approved as bob: approved; the run continues');
    expect(wb.runs.get(run.runId)!.status).toBe('completed');
    const refund = wb.journal(run.runId).find((r) => r.kind === 'tool.started' && (r.data as { input: { tool: string } }).input.tool === 'refunds.create');
    expect((refund!.data as { input: { args: unknown } }).input.args).toEqual({ order_id: 'O-3', amount: 250 });
    second.unmount();
  });

  it('an edit the policy blocks is refused with its rule; v asks why and reveals only what the rule allows', async () => {
    const run = await startRefund(wb, 'O-2');
    await withEditor('{ "order_id": "O-2", "amount": 900 }', async () => {
      const ui = show(sourceFor(wb, 'carol'), { identity: 'carol', initial: { name: 'approvals' } });
      await select(ui, run.runId);
      await keys(ui, 'e');
      await waitFor(ui, /with amount 120 → 900 as carol\? y approves/);
      await keys(ui, 'y');
      await waitFor(ui, 'refused: policy support@2 rule refund-cap blocks the edited action');
      expect(wb.approvals.list({ runId: run.runId })[0]!.decisions).toEqual([]);
      await keys(ui, 'v');
      expect(ui.lastFrame()).toMatch(/why reveal the vaulted values of apr_\w+ \(audited\): ▏/);
      await keys(ui, 'c', 'h', 'e', 'c', 'k', '\r');
      await waitFor(ui, 'refused: the rule of this approval');
      ui.unmount();
    });
  });

  it('Enter opens the run an approval belongs to; q comes back', async () => {
    const pending = await startRefund(wb, 'O-2');
    const ui = show(sourceFor(wb), { initial: { name: 'approvals' } });
    await select(ui, pending.runId);
    await keys(ui, '\r');
    await waitFor(ui, `Run ${pending.runId}`);
    await keys(ui, 'q');
    await waitFor(ui, 'acting as bob');
    ui.unmount();
  });
});

describe('conventions', () => {
  it('a burst of keys arriving as one chunk (a fast typist, a paste, tmux) is taken one key at a time', async () => {
    const ui = show(sourceFor(wb));
    await waitFor(ui, 'Runs (');
    // "/", a filter, Enter to apply it, Enter to open the run, Enter to open its first event.
    ui.stdin.write(`/${ids.compensated!.slice(-8)}\r\r`);
    await waitFor(ui, `Run ${ids.compensated} · refund v1 · compensated`);
    ui.stdin.write('n\r');
    await waitFor(ui, /^model\.done {2}step triage\/turn1/m);
    // "qq": out of the event, then out of the run, back to the filtered list.
    ui.stdin.write('qq');
    await waitFor(ui, 'filter: ' + ids.compensated!.slice(-8));
    ui.unmount();
  });

  it('? shows help and q closes it; 1/2/3 switch views; nothing wraps past the terminal width', async () => {
    const ui = show(sourceFor(wb));
    await waitFor(ui, 'Runs (');
    await keys(ui, '?');
    expect(ui.lastFrame()).toContain('tollgate tui — keys');
    expect(ui.lastFrame()).toContain('e edit the arguments in $EDITOR');
    await keys(ui, 'j', 'q');
    expect(ui.lastFrame()).not.toContain('tollgate tui — keys');
    expect(ui.lastFrame()).toContain('Runs (');
    await keys(ui, '2');
    await waitFor(ui, 'Approvals (');
    await keys(ui, '3');
    await waitFor(ui, /tollgate · Evals|no eval or gate report yet/);
    await keys(ui, '1');
    await waitFor(ui, 'Runs (');
    // ink-testing-library's terminal is 100 columns wide: nothing may wrap past it.
    for (const line of lines(ui.lastFrame()!)) expect(line.length).toBeLessThanOrEqual(100);
    ui.unmount();
  });
});
