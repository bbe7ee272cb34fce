import { describe, expect, it } from 'vitest';
import type { ReplayDivergence } from '../../src/replay/index.ts';
import type { JournalRow } from '../../src/core/index.ts';
import { cycle, filterRuns, NO_FILTERS } from '../../src/tui/view-model/runs.ts';
import { summaryOfRecording } from '../../src/tui/view-model/recorded-run.ts';
import { fit, windowFor, wrapLines } from '../../src/tui/view-model/text.ts';
import { nextDecision, timelineLines, timelineText } from '../../src/tui/view-model/timeline.ts';
import type { RunSummary } from '../../src/tui/index.ts';
import { argsChange } from '../../src/tui/view-model/approvals.ts';

const row = (seq: number, kind: string, stepKey: string, data: unknown): JournalRow => ({ seq, kind, stepKey, attempt: 1, inputSha256: null, data, ts: 1000 + seq });
const journal: JournalRow[] = [
  row(1, 'run.started', 'run', {}),
  row(2, 'step.entered', 'lookup', { step: 'lookup', kind: 'tool' }),
  row(3, 'policy.decision', 'lookup', { effect: 'allow', tool: 'orders.get', ruleId: null, reason: 'allowed', dryRun: false }),
  row(4, 'tool.started', 'lookup', { input: { tool: 'orders.get', args: {} } }),
  row(5, 'tool.done', 'lookup', { output: { status: 200, body: { total: 40 } }, duration_ms: 3 }),
  row(6, 'transition', 'lookup', { to: 'refund' }),
  row(7, 'step.entered', 'refund', { step: 'refund', kind: 'tool' }),
  row(8, 'policy.decision', 'refund', { effect: 'deny', tool: 'refunds.create', ruleId: 'cap', reason: 'too much', dryRun: false }),
  row(9, 'run.ended', 'run', { status: 'failed', reason: 'blocked' }),
];
const divergenceAt = (seq: number): ReplayDivergence => ({ seq, step: 'refund', recorded: { kind: 'policy.decision', stepKey: 'refund', data: {} }, decided: { kind: 'policy.decision', stepKey: 'refund', data: {} }, changes: [] });

describe('timeline view model', () => {
  it('marks a divergence just before the first entry at or after its event, and greys what follows', () => {
    const lines = timelineLines(journal, divergenceAt(8));
    const at = lines.findIndex((l) => l.type === 'divergence');
    expect(timelineText(lines[at + 1]!)).toMatch(/^┆\+0\.00\ds {3}policy deny refunds\.create \[cap\]: too much$/);
    expect(lines.slice(0, at).every((l) => l.type === 'entry' && !l.afterDivergence)).toBe(true);
    expect(lines.slice(at + 1).every((l) => l.type === 'entry' && l.afterDivergence)).toBe(true);
  });

  it('a replay that decides more than was recorded is marked after the last entry', () => {
    const lines = timelineLines(journal, divergenceAt(10));
    expect(lines.at(-1)!.type).toBe('divergence');
    expect(lines.filter((l) => l.type === 'divergence')).toHaveLength(1);
  });

  it('n/p skip transitions: they step from decision to decision', () => {
    const lines = timelineLines(journal);
    const texts = lines.map(timelineText);
    const fromTool = texts.findIndex((t) => t.includes('tool → 200'));
    expect(texts[nextDecision(lines, fromTool, 1)]).toContain('step refund (tool)');
    expect(nextDecision(lines, lines.length - 1, 1)).toBe(lines.length - 1);
    expect(nextDecision(lines, 0, -1)).toBe(0);
  });
});

describe('runs view model', () => {
  const run = (runId: string, startedAt: number, workflow: string, status: string, endState: string | null): RunSummary => ({
    runId, correlationId: 'c', workflow, status, endState, startedAt, endedAt: startedAt + 1, costUsd: 0, tokens: 0, approvals: 0, pendingApprovals: 0, policyBlocks: 0, origin: 'database',
  });
  const runs = [run('run_a', 1, 'refund', 'completed', 'resolved'), run('run_b', 3, 'alerts', 'failed', null), run('run_c', 2, 'refund', 'waiting_approval', null)];

  it('newest first; a status filter matches the outcome (end state) or the status', () => {
    expect(filterRuns(runs, NO_FILTERS).map((r) => r.runId)).toEqual(['run_b', 'run_c', 'run_a']);
    expect(filterRuns(runs, { ...NO_FILTERS, status: 'resolved' }).map((r) => r.runId)).toEqual(['run_a']);
    expect(filterRuns(runs, { ...NO_FILTERS, workflow: 'refund', text: 'RUN_C' }).map((r) => r.runId)).toEqual(['run_c']);
  });

  it('a cycling filter goes through every value present, then back to all', () => {
    const values = ['b', 'a', 'b'];
    expect([cycle(values, null), cycle(values, 'a'), cycle(values, 'b')]).toEqual(['a', 'b', null]);
    expect(cycle([], null)).toBeNull();
  });
});

describe('text', () => {
  it('cuts with an ellipsis, pads short text, never wraps', () => {
    expect(fit('abcdef', 4)).toBe('abc…');
    expect(fit('ab', 4)).toBe('ab  ');
    expect(fit('a\nb', 3)).toBe('a b');
  });

  it('keeps the cursor on screen', () => {
    expect(windowFor(100, 0, 10)).toEqual({ start: 0, end: 10 });
    expect(windowFor(100, 50, 10)).toEqual({ start: 45, end: 55 });
    expect(windowFor(100, 99, 10)).toEqual({ start: 90, end: 100 });
  });
});

describe('a run known only from its trace file', () => {
  it('takes its figures from the journal', () => {
    const model = row(3, 'model.done', 'triage/turn1', { output: { model: 'm', inputTokens: 1000, outputTokens: 500 }, duration_ms: 5 });
    const summary = summaryOfRecording(
      { run: { runId: 'run_x', correlationId: 'c', workflow: 'refund', version: 1, env: 'dev', triggerType: 'event', definitionsDigest: 'd', event: {}, startedAt: 1000, requestedBy: 'a', status: 'failed', endState: null, reason: 'blocked' }, journal: [...journal.slice(0, 2), model, row(10, 'approval.requested', 'refund', {}), ...journal.slice(7)] },
      { m: { input_per_1k: 0.01, output_per_1k: 0.02 } },
    );
    expect(summary).toMatchObject({ tokens: 1500, costUsd: 0.02, approvals: 1, policyBlocks: 1, endedAt: 1009, origin: 'trace' });
  });
});

describe('approvals view model', () => {
  it('says what an edit changes, key by key, and nothing for an equal one', () => {
    expect(argsChange({ order_id: 'O-3', amount: 300, note: 'x' }, { order_id: 'O-3', amount: 250, reason: 'cap' })).toBe('amount 300 → 250, -note, +reason "cap"');
    expect(argsChange({ a: { b: [1] } }, { a: { b: [1] } })).toBe('');
    expect(argsChange({ a: { b: [1] } }, { a: { b: [2] } })).toBe('a {"b":[1]} → {"b":[2]}');
  });
});

describe('text folded to the screen', () => {
  it('folds at a space that fits, keeps the indentation and the untrusted fence, and cuts nothing', () => {
    const prompt = '  You are Acme\'s first-line SRE. Read the alert, find the matching runbook with runbooks.search, and classify the severity.';
    const folded = wrapLines([prompt, '┊ {"text": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}', 'short', 'two\nlines'], 40);
    expect(folded.every((l) => l.length <= 40)).toBe(true);
    expect(folded.slice(0, 4)).toEqual([
      "  You are Acme's first-line SRE. Read",
      '    the alert, find the matching runbook',
      '    with runbooks.search, and classify',
      '    the severity.',
    ]);
    // Nothing is lost: the words come back in order.
    expect(folded.slice(0, 4).join(' ').replace(/\s+/g, ' ').trim()).toBe(prompt.trim());
    expect(folded.slice(4, -3).every((l) => l.startsWith('┊'))).toBe(true);
    expect(folded.slice(4, -3).join('').replace(/[┊\s]/g, '')).toBe('{"text":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}');
    expect(folded.slice(-3)).toEqual(['short', 'two', 'lines']);
  });
});
