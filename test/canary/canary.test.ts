import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canaryHtml, canaryMarkdown, runCanary } from '../../src/canary/index.ts';
import { Workbench } from '../../src/workbench/index.ts';
import { tollgate } from '../support/cli.ts';
import { copyExampleProject } from '../support/mini-project.ts';

let root: string;
let wb: Workbench;
const CANDIDATE = 'cand:1b';

/** Plants per-model scripted answers for the candidate: the differences the canary must find. */
function plant(file: string, text: string): void {
  const full = path.join(root, 'fixtures', 'canary', 'cand_1b', 'refund-request', file);
  mkdirSync(path.dirname(full), { recursive: true });
  writeFileSync(full, `scripted: true\n${text}`);
}

beforeAll(() => {
  root = copyExampleProject();
  const project = path.join(root, 'tollgate.yaml');
  writeFileSync(project, readFileSync(project, 'utf8').replace('    qwen2.5:7b: {', `    "${CANDIDATE}": { input_per_1k: 0.0001, output_per_1k: 0.0002 }\n    qwen2.5:7b: {`));
  // Fails a case: calls a refund "other" and escalates it.
  plant('small-refund-auto.yaml', `agents:\n  triage:\n    - content: '{"category":"other","summary":"Not sure what the customer wants."}'\n`);
  // Costs more: the same answers with a far longer prompt.
  plant('refund-503-then-recovers.yaml', `agents:\n  triage:\n    - tool_calls: [{ name: orders.get, arguments: { order_id: O-1001 } }]\n      prompt_eval_count: 9000\n    - content: '{"category":"refund","summary":"Keyboard O-1001 broken; refund requested.","order_id":"O-1001"}'\n      prompt_eval_count: 9000\n`);
  // Changes wording only.
  plant('question-answered-from-kb.yaml', `agents:\n  triage:\n    - tool_calls: [{ name: kb.search, arguments: { query: "refund timing" } }]\n    - content: '{"category":"question","summary":"Asks how long refunds take.","answer":"Once we approve a refund it reaches the original payment method within 5 to 7 business days."}'\n`);
  // Calls an extra tool.
  plant('refund-needs-lead-approval.yaml', `agents:\n  triage:\n    - tool_calls: [{ name: kb.search, arguments: { query: "headphones refund" } }]\n    - tool_calls: [{ name: orders.get, arguments: { order_id: O-1003 } }]\n    - content: '{"category":"refund","order_id":"O-1003","summary":"Headphones from O-1003 do not charge; refund requested."}'\n`);
  // Flaky: the second repeat never produces valid output.
  plant('other-escalated.r2.yaml', `agents:\n  triage:\n${"    - content: 'let me think'\n".repeat(6)}`);
  wb = Workbench.open(root, { dbPath: path.join(root, '.tollgate', 'canary.db') });
});
afterAll(async () => wb?.close());

const canary = (cases: string, repeat = 1) => runCanary(wb, { baseline: 'llama3.2:3b', candidate: CANDIDATE, workflow: 'refund-request', cases, repeat });

describe('canary comparison of two scripted models with planted differences', () => {
  it('a case the candidate fails is a regression: reject', async () => {
    const r = await canary('small-refund-auto');
    expect(r.cases[0]).toMatchObject({ finding: 'regressed', notes: [expect.stringContaining('candidate fails: outcome'), 'tool calls: orders.get, orders.get, refunds.create, email.send → tickets.create', 'the answer text differs', '1 hard violation(s)'] });
    expect(r.reasons).toEqual(['1 case(s) regressed: refund-request/small-refund-auto', 'hard violations 0 → 1']);
    expect(r.verdict).toBe('reject');
    expect(r.mode).toBe('scripted fixtures');
  });

  it('a case that costs more is held, with the cost change named', async () => {
    const r = await canary('refund-503-then-recovers');
    expect(r.cases[0]!.finding).toBe('same');
    expect(r.cases[0]!.notes).toContainEqual(expect.stringMatching(/^cost ×\d+\.\d\d$/));
    expect(r.verdict).toBe('hold');
    expect(r.reasons[0]).toMatch(/^cost per case \$0\.\d+ → \$0\.\d+ \(over \+20%\)$/);
  });

  it('a wording-only change passes, is reported as changed with a word diff, and is promoted', async () => {
    const r = await canary('question-answered-from-kb');
    const c = r.cases[0]!;
    expect(c.finding).toBe('changed');
    expect(c.answerDiff.filter((x) => x.added).map((x) => x.value).join(' ')).toMatch(/Once.*approve/);
    expect(c.answerDiff.filter((x) => x.removed).map((x) => x.value).join(' ')).toMatch(/after.*approve/);
    expect(r.verdict).toBe('promote');
  });

  it('an extra tool call is found in the tool-call diff', async () => {
    const r = await canary('refund-needs-lead-approval');
    const c = r.cases[0]!;
    expect(c.finding).toBe('changed');
    expect(c.notes).toContain('tool calls: orders.get, orders.get, refunds.create, email.send → kb.search, orders.get, orders.get, refunds.create, email.send');
    expect(c.toolDiff.filter((x) => x.added).map((x) => x.value).join('')).toContain('"kb.search"');
  });

  it('a case that flips across repeats of the same model is flaky, not a regression: hold', async () => {
    const r = await canary('other-escalated', 2);
    expect(r.cases[0]!.finding).toBe('flaky');
    expect(r.cases[0]!.notes[0]).toBe('candidate passed 1 of 2 repeats');
    expect(r.verdict).toBe('hold');
    expect(r.statistic).toContain('flaky');
  });

  it('reports: Markdown and a self-contained HTML file with the summary and highlighted diffs', async () => {
    const r = await canary('{small-refund-auto,question-answered-from-kb}');
    const md = canaryMarkdown(r);
    expect(md).toContain('## tollgate canary: ❌ reject `cand:1b` against `llama3.2:3b`');
    expect(md).toContain('| `refund-request/small-refund-auto` | regressed |');
    const html = canaryHtml(r);
    expect(html).not.toMatch(/<(script|link|img)\b|https?:\/\//);
    expect(html).toContain('<span id="verdict" class="verdict reject">reject</span>');
    expect(html).toMatch(/<td data-side="candidate" data-metric="pass rate">50\.0%<\/td>/);
    expect(html).toMatch(/<ins>Once<\/ins>/);
    expect(html).toContain('<svg role="img" aria-label="Cost per case (USD): baseline grey, candidate blue"');
  });

  it('the CLI exits 0 to promote, 2 to hold and 1 to reject', async () => {
    const run = (cases: string) => tollgate(['canary', '--baseline', 'llama3.2:3b', '--candidate', CANDIDATE, '--workflow', 'refund-request', '--cases', cases, '--out', `canary-${cases}`, '--open'], { cwd: root, env: { CI: 'true' } });
    const [promote, hold, reject] = await Promise.all([run('question-answered-from-kb'), run('refund-503-then-recovers'), run('small-refund-auto')]);
    expect([promote.code, hold.code, reject.code]).toEqual([0, 2, 1]);
    expect(promote.stdout).toMatch(/^promote: cand:1b against llama3\.2:3b \(scripted fixtures, 1 repeat\(s\)\)\n/);
    expect(promote.stdout.trim().split('\n').at(-1)).toBe(path.join(root, 'canary-question-answered-from-kb', 'canary.html'));
  }, 60_000);
});

describe('canary of one risk route', () => {
  it('--route swaps the model of agents on that route only', async () => {
    const r = await runCanary(wb, { baseline: 'llama3.2:3b', candidate: CANDIDATE, route: 'high-risk', cases: '{disk-usage-ticketed,question-answered-from-kb}' });
    expect(r.cases.map((c) => c.key)).toEqual(['alert-fired/disk-usage-ticketed', 'refund-request/question-answered-from-kb']);
    const models = (key: string) => {
      const runs = wb.runs.list({ limit: 10 }).filter((run) => (run.event as { type: string }).type === (key.startsWith('alert') ? 'alert.fired' : 'ticket.created'));
      return new Set(wb.journal(runs[0]!.runId).filter((row) => row.kind === 'model.started').map((row) => (row.data as { input: { model: string } }).input.model));
    };
    expect(models('alert-fired/disk-usage-ticketed')).toEqual(new Set([CANDIDATE]));
    expect(models('refund-request/question-answered-from-kb')).toEqual(new Set(['llama3.2:3b']));
  });
});

describe('canary over recorded production traces', () => {
  it('replays each recorded run on both models with the recorded tools, and finds where the candidate ends differently', async () => {
    const { runGoldCase } = await import('../../src/workbench/index.ts');
    const { copyFileSync } = await import('node:fs');
    const gc = wb.definitions.goldCases.find((g) => g.value.id === 'small-refund-auto')!.value;
    const { run } = await runGoldCase(wb, gc);
    const dir = path.join(root, 'recorded');
    mkdirSync(dir, { recursive: true });
    copyFileSync(wb.traceFile(run.runId), path.join(dir, `${run.runId}.json`));
    for (const [model, file] of [['llama3.2_3b', 'fixtures/models/refund-request/small-refund-auto.yaml'], ['cand_1b', 'fixtures/canary/cand_1b/refund-request/small-refund-auto.yaml']]) {
      const target = path.join(root, 'fixtures', 'canary', model!, 'traces', `${run.runId}.yaml`);
      mkdirSync(path.dirname(target), { recursive: true });
      copyFileSync(path.join(root, file!), target);
    }
    const r = await runCanary(wb, { baseline: 'llama3.2:3b', candidate: CANDIDATE, cases: 'no-such-case', traces: dir });
    expect(r.cases.map((c) => [c.key, c.finding])).toEqual([[`trace/${run.runId}`, 'regressed']]);
    expect(r.cases[0]!.candidate[0]).toMatchObject({ end: 'escalated', tools: ['tickets.create'] });
    expect(r.cases[0]!.baseline[0]).toMatchObject({ end: 'resolved', tools: ['orders.get', 'orders.get', 'refunds.create', 'email.send'] });
    expect(r.verdict).toBe('reject');
  });
});

describe('latency noise', () => {
  it('a slowdown that is large in ratio but tiny in milliseconds does not hold a promotion', async () => {
    const { verdictOf } = await import('../../src/canary/index.ts');
    const side = (p95: number) => ({ model: 'm', pass_rate: 1, hard_violations: 0, policy_blocks: 0, approvals: 0, tokens: 10, cost_per_case_usd: 0.0001, p50_latency_ms: p95, p95_latency_ms: p95 });
    const t = { max_pass_rate_drop: 0, max_cost_increase: 0.2, max_p95_latency_increase: 0.5 };
    expect(verdictOf([], side(20), side(60), t).verdict).toBe('promote');
    expect(verdictOf([], side(400), side(1000), t)).toMatchObject({ verdict: 'hold', reasons: ['p95 latency 400 → 1000 ms (over +50%)'] });
  });
});
