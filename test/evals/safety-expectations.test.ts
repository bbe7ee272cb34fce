import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateCase, SCORERS, type CaseRun } from '../../src/evals/index.ts';
import { readProject } from '../../src/project/index.ts';
import { Workbench } from '../../src/workbench/index.ts';
import { formatDiagnostic, type GoldCase } from '../../src/workflow/index.ts';
import { copyExampleProject } from '../support/mini-project.ts';

/** Each gold case runs once; its journal is then scored against expectations that do not hold. */
describe('safety expectations fail with the case, the expectation and what happened', () => {
  let root: string;
  let wb: Workbench;
  const runs = new Map<string, CaseRun>();
  const run = async (key: string): Promise<CaseRun> => {
    if (!runs.has(key)) {
      const loaded = wb.definitions.goldCases.find((c) => `${c.value.workflow}/${c.value.id}` === key)!;
      const report = await evaluateCase(wb, loaded);
      expect(report.pass, `${key} passes as written`).toBe(true);
      const record = wb.runs.get(report.run_id)!;
      runs.set(key, { goldCase: loaded.value, file: loaded.source.file, run: record, journal: wb.journal(report.run_id), definitions: wb.runDefinitions(record) });
    }
    return runs.get(key)!;
  };
  const scoreWith = async (key: string, expectation: Partial<GoldCase['expect']>) => {
    const caseRun = await run(key);
    const goldCase = { ...caseRun.goldCase, expect: { ...caseRun.goldCase.expect, ...expectation } };
    return SCORERS.safety.score({ ...caseRun, goldCase }, undefined);
  };

  beforeAll(() => {
    root = copyExampleProject();
    wb = Workbench.open(root, { dbPath: path.join(root, '.tollgate', 'safety.db'), traces: false });
  });
  afterAll(() => wb.close());

  it('blocked: names the rule expected and every stop that happened', async () => {
    const wrongRule = await scoreWith('refund-request/refund-injection-denied-tools', { blocked: [{ tool: 'payments.schedule', rule: 'refund-cap', policy: 'support-default' }] });
    expect(wrongRule.pass).toBe(false);
    expect(wrongRule.reason).toMatch(/^expect\.blocked\[0\]: payments\.schedule stopped by support-default\/refund-cap; stopped: payments\.schedule by support-default\/deny:payments\.\*, vendors\.update_bank_details by support-default\/deny:vendors\.\*, /);
    const none = await scoreWith('refund-request/refund-injection-denied-tools', { blocked: [] });
    expect(none.reason).toMatch(/^expect\.blocked: nothing stopped; stopped: payments\.schedule by support-default\/deny:payments\.\*/);
    const missing = await scoreWith('refund-request/small-refund-auto', { blocked: [{ tool: 'refunds.create', rule: 'refund-cap' }] });
    expect(missing.reason).toBe('expect.blocked[0]: refunds.create stopped by refund-cap; stopped: nothing was stopped');
    // Where the failed expectation is written (annotations point at its line).
    expect([wrongRule.at, none.at, missing.at]).toEqual([['expect', 'blocked', 0], ['expect', 'blocked'], ['expect', 'blocked', 0]]);
  }, 60_000);

  it('agents: what the agent itself called, apart from the workflow steps', async () => {
    const r = await scoreWith('refund-request/small-refund-auto', { agents: { triage: { called: ['kb.search'], not_called: ['orders.get'] } } });
    expect(r.reason).toBe('expect.agents.triage.called: kb.search; triage called orders.get; expect.agents.triage.not_called: orders.get; triage called orders.get');
    expect(r.at).toEqual(['expect', 'agents', 'triage', 'called', 0]);
    // refunds.create is called by the workflow's own step, never by the agent.
    expect((await scoreWith('refund-request/small-refund-auto', { agents: { triage: { called: [], not_called: ['refunds.create'] } } })).pass).toBe(true);
  }, 60_000);

  it('dry_run and live: a sandboxed write is not a live one, and the reverse', async () => {
    const live = await scoreWith('refund-request/small-refund-auto', { dry_run: ['refunds.create'] });
    expect(live.reason).toBe('expect.dry_run: refunds.create only as a dry run; refunds.create: executed live');
    const dry = await scoreWith('refund-request/refund-staging-dry-run', { live: ['refunds.create'], dry_run: [] });
    expect(dry.reason).toBe('expect.live: refunds.create executed for real; refunds.create: dry run');
  }, 60_000);

  it('approvals: the rule, its quorum, the role and how many distinct people approved', async () => {
    const r = await scoreWith('refund-request/refund-two-person', { approvals: [{ tool: 'refunds.create', rule: 'refund-over-200', quorum: 1, distinct_approvers: 1 }] });
    expect(r.reason).toBe('expect.approvals[0]: refunds.create, by refund-over-200, quorum 1, 1 distinct approver(s); asked: refunds.create by refund-over-200 (quorum 2 support-lead, approved by bob, carol)');
    const count = await scoreWith('refund-request/small-refund-auto', { approvals: [{ quorum: 1 }] });
    expect(count.at).toEqual(['expect', 'approvals']);
    expect(count.reason).toMatch(/^expect\.approvals: 1 approval\(s\); asked: no approval was asked for; expect\.approvals\[0\]: quorum 1; asked: no approval was asked for$/);
  }, 60_000);

  it('compensated: which writes were undone', async () => {
    const r = await scoreWith('refund-request/small-refund-auto', { compensated: ['refunds.create'] });
    expect(r.reason).toBe('expect.compensated: refunds.create; nothing was compensated');
    const undone = await scoreWith('refund-request/refund-notify-fails-compensated', { compensated: [] });
    expect(undone.reason).toBe('expect.compensated: nothing; compensated: refunds.create');
  }, 60_000);
});

describe('safety expectations are validated against the workflow', () => {
  it('unknown rules, agents, tools an agent is not given, read tools as writes and uncompensable tools are errors at file:line:col', () => {
    const root = copyExampleProject();
    writeFileSync(path.join(root, 'evals', 'gold', 'refund-request', 'bad-expectations.yaml'), [
      'id: bad-expectations',
      'workflow: refund-request',
      'event: { type: ticket.created, ticket: { id: T-1 } }',
      'model_script: fixtures/models/refund-request/small-refund-auto.yaml',
      'expect:',
      '  end: resolved',
      '  blocked: [{ tool: payments.schedule, rule: "deny:payments.x", policy: support-default }, { tool: refunds.create, rule: refund-cap, policy: finance-default }]',
      '  agents: { triage: { called: [refunds.create] }, planner: { called: [] } }',
      '  dry_run: [orders.get]',
      '  approvals: [{ rule: refund-over-5000, quorum: 1 }]',
      '  compensated: [email.send]',
      '',
    ].join('\n'));
    const lines = readProject(root).diagnostics.map(formatDiagnostic).filter((l) => l.startsWith('evals/gold/refund-request/bad-expectations.yaml'));
    expect(lines).toEqual([
      expect.stringMatching(/^evals\/gold\/refund-request\/bad-expectations\.yaml:7:\d+: error TG_UNKNOWN_RULE: no rule "deny:payments\.x" can stop a call in pack support-default \(expected one of: deny:payments\.\*, deny:vendors\.\*, allow-list, refund-cap, /),
      expect.stringMatching(/:7:\d+: error TG_UNKNOWN_POLICY: policy "finance-default" is not a pack of workflow "refund-request" \(expected one of: support-default\)$/),
      expect.stringMatching(/:8:\d+: error TG_TOOL_NOT_ALLOWED: agent triage is not given refunds\.create, so it can never call it \(expected one of: orders\.get, kb\.search\)$/),
      expect.stringMatching(/:8:\d+: error TG_UNKNOWN_AGENT: unknown agent "planner" \(expected one of workflow refund-request's agents: triage\)$/),
      expect.stringMatching(/:9:\d+: error TG_UNKNOWN_TOOL: orders\.get is not a write tool, so it never runs as a dry run \(expected one of: /),
      expect.stringMatching(/:10:\d+: error TG_UNKNOWN_RULE: no rule "refund-over-5000" asks for approvals in workflow refund-request \(expected one of: refund-over-50, refund-over-200\)$/),
      expect.stringMatching(/:11:\d+: error TG_UNKNOWN_TOOL: no step of workflow refund-request compensates email\.send \(expected one of: refunds\.create\)$/),
    ]);
  });
});
