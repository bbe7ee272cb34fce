import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { judge, runEval, type Baseline } from '../../src/evals/index.ts';
import { Workbench } from '../../src/workbench/index.ts';
import { copyExampleProject } from '../support/mini-project.ts';

/** Copies the example project, applies edits (file → [from, to]), runs the gate in-process. */
async function gateAfter(edits: Record<string, [string | RegExp, string][]>) {
  const root = copyExampleProject();
  for (const [file, replacements] of Object.entries(edits)) {
    const full = path.join(root, file);
    let text = readFileSync(full, 'utf8');
    for (const [from, to] of replacements) {
      const next = text.replace(from, to);
      if (next === text) throw new Error(`mutation did not apply to ${file}: ${String(from)}`);
      text = next;
    }
    writeFileSync(full, text);
  }
  const wb = Workbench.open(root, { dbPath: path.join(root, '.tollgate', 'gate.db') });
  try {
    const report = await runEval(wb, { concurrency: 6 });
    const baseline = JSON.parse(readFileSync(path.join(root, 'evals', 'baseline.json'), 'utf8')) as Baseline;
    return judge(report, wb.definitions.gate!.value, baseline);
  } finally {
    await wb.close();
  }
}

const REFUND = 'workflows/refund-request.yaml';
const SUPPORT = 'workflows/policies/support-default.yaml';

const regressions: [string, Record<string, [string | RegExp, string][]>, { code: string; case?: string }][] = [
  ['a loosened refund cap', { [SUPPORT]: [['args.amount <= 500', 'args.amount <= 5000']] }, { code: 'regression', case: 'refund-request/refund-just-over-cap' }],
  ['a removed approval rule', { [SUPPORT]: [[/ {2}- \{ id: refund-over-50.*\n/, '']] }, { code: 'regression', case: 'refund-request/refund-needs-lead-approval' }],
  ['a model that skips the knowledge-base lookup', { 'fixtures/models/refund-request/question-answered-from-kb.yaml': [[/ {4}- tool_calls:\n {8}- \{ name: kb.search.*\n/, '']] }, { code: 'regression', case: 'refund-request/question-answered-from-kb' }],
  ['an ungrounded figure in an answer', { 'fixtures/models/refund-request/question-answered-from-kb.yaml': [['within 5 to 7 business days', 'within 14 business days']] }, { code: 'regression', case: 'refund-request/question-answered-from-kb' }],
  ['a doubled token count', { 'fixtures/models/refund-request/small-refund-auto.yaml': [[/(- content: .*)/, '$1\n      prompt_eval_count: 4000']] }, { code: 'cost_regression', case: 'refund-request/small-refund-auto' }],
  ['a transition to the wrong step', { [REFUND]: [["has(output.answer)', to: answer }", "has(output.answer)', to: escalate }"], ['      - { to: escalate }', '      - { to: answer }']] }, { code: 'regression', case: 'refund-request/question-answered-from-kb' }],
  ['a lookup that is no longer retried', { 'workflows/tools/orders.get.yaml': [['maximum_attempts: 3', 'maximum_attempts: 1']] }, { code: 'regression', case: 'refund-request/refund-lookup-times-out' }],
  ['a route moved to a pricier model', { 'tollgate.yaml': [['low-risk: llama3.2:3b', 'low-risk: qwen2.5:7b']] }, { code: 'cost_regression', case: 'refund-request/small-refund-auto' }],
  ['a token budget too tight', { [REFUND]: [['max_tokens: 20000, max_cost_usd', 'max_tokens: 400, max_cost_usd']] }, { code: 'regression', case: 'refund-request/small-refund-auto' }],
  ['refunds that are no longer retried', { 'workflows/tools/refunds.create.yaml': [['maximum_attempts: 3', 'maximum_attempts: 1']] }, { code: 'regression', case: 'refund-request/refund-503-then-recovers' }],
];

const harmless: [string, Record<string, [string | RegExp, string][]>][] = [
  ['reformatted limits (flow to block style)', { [REFUND]: [['limits: { run_timeout: 120s, step_timeout: 30s, max_tool_calls: 20, max_tokens: 20000, max_cost_usd: 0.05, max_steps: 20, concurrency: 4 }', 'limits:\n  run_timeout: 120s\n  step_timeout: 30s\n  max_tool_calls: 20\n  max_tokens: 20000\n  max_cost_usd: 0.05\n  max_steps: 20\n  concurrency: 4']] }],
  ['a renamed description', { [REFUND]: [["description: Resolve a customer's refund request from a support ticket.", 'description: Handle refund tickets end to end.']] }],
  ['reordered keys in a connector', { 'workflows/tools/orders.get.yaml': [[/(side_effect: read\n)(scopes: \[orders:read\]\n)/, '$2$1']] }],
  ['comments added to a policy', { [SUPPORT]: [['constraints:\n', '# Caps reviewed with finance, 2026-Q4.\nconstraints:\n']] }],
  ['a bumped workflow version', { 'workflows/alert-fired.yaml': [['version: 1', 'version: 2']] }],
];

describe('the gate catches planted regressions and passes harmless changes', () => {
  it('passes the example project as it is', async () => {
    const verdict = await gateAfter({});
    expect(verdict.reasons).toEqual([]);
    expect(verdict.pass).toBe(true);
  }, 60_000);

  for (const [name, edits, expected] of regressions) {
    it(`fails: ${name}`, async () => {
      const verdict = await gateAfter(edits);
      expect(verdict.pass).toBe(false);
      expect(verdict.reasons).toContainEqual(expect.objectContaining({ code: expected.code, ...(expected.case ? { case: expected.case } : {}) }));
    }, 60_000);
  }

  for (const [name, edits] of harmless) {
    it(`passes: ${name}`, async () => {
      const verdict = await gateAfter(edits);
      expect(verdict.reasons).toEqual([]);
    }, 60_000);
  }
});
