import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { judge, runEval, type Baseline } from '../../src/evals/index.ts';
import { DefinitionsInvalidError, Workbench } from '../../src/workbench/index.ts';
import { editedExampleProject, type FileEdits } from '../support/mini-project.ts';

/**
 * Copies the example project, applies edits (file → [from, to]), runs the gate in-process on the
 * gold cases of `workflow` (all when absent). Definitions that no longer validate fail the gate
 * as they do on the command line: the gate refuses to run on them.
 */
async function gateAfter(edits: FileEdits, workflow?: string) {
  const root = editedExampleProject(edits);
  let wb: Workbench;
  try {
    wb = Workbench.open(root, { dbPath: path.join(root, '.tollgate', 'gate.db'), traces: false });
  } catch (error) {
    if (!(error instanceof DefinitionsInvalidError)) throw error;
    return { pass: false, reasons: [{ code: 'invalid', message: error.lines.join('\n') }] };
  }
  try {
    const report = await runEval(wb, { concurrency: 8, ...(workflow ? { workflow } : {}) });
    const baseline = JSON.parse(readFileSync(path.join(root, 'evals', 'baseline.json'), 'utf8')) as Baseline;
    return judge(report, wb.definitions.gate!.value, baseline);
  } finally {
    await wb.close();
  }
}

const REFUND = 'workflows/refund-request.yaml';
const SUPPORT = 'workflows/policies/support-default.yaml';

const regressions: [string, FileEdits, { code: string; case?: string; file?: string }][] = [
  ['a loosened refund cap', { [SUPPORT]: [['args.amount <= 500', 'args.amount <= 5000']] }, { code: 'regression', case: 'refund-request/refund-just-over-cap' }],
  // Gold cases name the rules they expect, so validation refuses such a change before anything runs.
  ['a removed approval rule', { [SUPPORT]: [[/ {2}- \{ id: refund-over-50.*\n/, '']] }, { code: 'invalid', file: 'evals/gold/refund-request/refund-needs-lead-approval.yaml' }],
  // What a first version of this gate missed (it caught 6 of 10 planted regressions):
  ['a removed deny rule (the allow list still keeps the tool out)', { [SUPPORT]: [['deny: ["payments.*", "vendors.*"]', 'deny: ["vendors.*"]']] }, { code: 'invalid', file: 'evals/gold/refund-request/refund-injection-denied-tools.yaml' }],
  ['an agent that skips its lookup (a later step calls the same tool)', { 'fixtures/models/refund-request/small-refund-auto.yaml': [[/ {4}- tool_calls:\n {8}- \{ name: orders\.get.*\n/, '']] }, { code: 'regression', case: 'refund-request/small-refund-auto' }],
  ['a removed compensation', { [REFUND]: [[/ {4}compensate: \{ tool: refunds\.cancel.*\n/, '']] }, { code: 'invalid', file: 'evals/gold/refund-request/refund-notify-fails-compensated.yaml' }],
  ['writes switched from sandbox to live in staging (a dry run no longer counts as called)', { [SUPPORT]: [['staging: { writes: sandbox }', 'staging: { writes: live }']] }, { code: 'regression', case: 'refund-request/refund-staging-dry-run' }],
  ['a two-person rule loosened to one approver', { [SUPPORT]: [[/(id: refund-over-200.*)approvers: 2/, '$1approvers: 1']] }, { code: 'regression', case: 'refund-request/refund-two-person' }],
  ['the blocking constraints deleted', { [SUPPORT]: [[/constraints:\n(  - .*\n)+/, 'constraints: []\n']] }, { code: 'invalid', file: 'evals/gold/refund-request/refund-just-over-cap.yaml' }],
  ['a cheaper model on a route (a drop in cost is behaviour change too)', { 'tollgate.yaml': [['high-risk: qwen2.5:7b', 'high-risk: llama3.2:3b']] }, { code: 'drift', case: 'alert-fired/disk-usage-ticketed' }],
  ['a model that skips the knowledge-base lookup', { 'fixtures/models/refund-request/question-answered-from-kb.yaml': [[/ {4}- tool_calls:\n {8}- \{ name: kb.search.*\n/, '']] }, { code: 'regression', case: 'refund-request/question-answered-from-kb' }],
  ['an ungrounded figure in an answer', { 'fixtures/models/refund-request/question-answered-from-kb.yaml': [['within 5 to 7 business days', 'within 14 business days']] }, { code: 'regression', case: 'refund-request/question-answered-from-kb' }],
  ['a doubled token count', { 'fixtures/models/refund-request/small-refund-auto.yaml': [[/(- content: .*)/, '$1\n      prompt_eval_count: 4000']] }, { code: 'cost_regression', case: 'refund-request/small-refund-auto' }],
  // The fallback now leads to a step that reads the agent's optional answer untested: validation refuses it.
  ['a transition to the wrong step', { [REFUND]: [["has(output.answer)', to: answer }", "has(output.answer)', to: escalate }"], ['      - { to: escalate }', '      - { to: answer }']] }, { code: 'invalid', file: 'workflows/refund-request.yaml' }],
  ['a lookup that is no longer retried', { 'workflows/tools/orders.get.yaml': [['maximum_attempts: 3', 'maximum_attempts: 1']] }, { code: 'regression', case: 'refund-request/refund-lookup-times-out' }],
  ['a route moved to a pricier model', { 'tollgate.yaml': [['low-risk: llama3.2:3b', 'low-risk: qwen2.5:7b']] }, { code: 'cost_regression', case: 'refund-request/small-refund-auto' }],
  ['a token budget too tight', { [REFUND]: [['max_tokens: 20000, max_cost_usd', 'max_tokens: 400, max_cost_usd']] }, { code: 'regression', case: 'refund-request/small-refund-auto' }],
  ['refunds that are no longer retried', { 'workflows/tools/refunds.create.yaml': [['maximum_attempts: 3', 'maximum_attempts: 1']] }, { code: 'regression', case: 'refund-request/refund-503-then-recovers' }],
];

const harmless: [string, FileEdits][] = [
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
      const verdict = await gateAfter(edits, expected.case?.split('/')[0] ?? 'refund-request');
      expect(verdict.pass).toBe(false);
      expect(verdict.reasons).toContainEqual(expect.objectContaining({ code: expected.code, ...(expected.case ? { case: expected.case } : {}) }));
      if (expected.file) expect(verdict.reasons[0]!.message).toContain(`${expected.file}:`);
    }, 60_000);
  }

  for (const [name, edits] of harmless) {
    it(`passes: ${name}`, async () => {
      const verdict = await gateAfter(edits, Object.keys(edits).some((f) => f.includes('alert-fired')) ? 'alert-fired' : 'refund-request');
      expect(verdict.reasons).toEqual([]);
    }, 60_000);
  }
});
