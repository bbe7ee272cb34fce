import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coverageItems, coverageShortfall, coverageText, projectCoverage, replayDecisions, type CoverageTable } from '../../src/coverage/index.ts';
import { denials, runEval, type EvalReport } from '../../src/evals/index.ts';
import { Workbench } from '../../src/workbench/index.ts';
import { tollgate } from '../support/cli.ts';
import { copyExampleProject, makeMiniProject } from '../support/mini-project.ts';

// A pack with one rule of each kind, and a workflow with two transitions to the same step.
const POLICY = `id: support
version: 2
tools:
  allow: [orders.get, "refunds.*", email.send]
  deny: ["payments.*"]
environments:
  dev: { writes: live }
  staging:
    writes: sandbox
    tools: { deny: [email.send] }
constraints:
  - { id: refund-cap, tool: refunds.create, rule: "args.amount <= 500", on_violation: escalate }
approvals:
  - { id: refund-approval, tool: refunds.create, when: "args.amount > 50", approvers: 1, role: support-lead }
data:
  forbid:
    - { classes: [email], to_tools: [orders.get] }
results:
  - { id: not-o3, tool: orders.get, rule: 'result.id != "O-3"' }
outbound:
  allow_hosts: [help.mini.test]
  tools: [email.send]
`;

const WORKFLOW = `id: refund
version: 1
trigger: { event: ticket.created }
policy: [support]
limits: { step_timeout: 2s }
agents:
  triage:
    model: { route: low-risk }
    instructions: Classify the ticket.
    tools: [orders.get, payments.schedule]
    output: { schema: { type: object, required: [category, order_id], properties: { category: { enum: [refund, question, other] }, order_id: { type: string } } } }
steps:
  - id: triage
    agent: triage
    input: { ticket: "event.ticket" }
    next:
      - { when: 'output.category == "refund"', to: lookup }
      - { when: 'output.category == "question"', to: done }
      - { to: done }
  - id: lookup
    tool: orders.get
    args: { order_id: "steps.triage.output.order_id" }
  - id: refund
    tool: refunds.create
    args: { order_id: "steps.triage.output.order_id", amount: "steps.lookup.output.total" }
    compensate: { tool: refunds.cancel, args: { refund_id: "output.id" } }
  - id: notify
    tool: email.send
    args: { to: "event.ticket.email", subject: '"Your refund"', body: "event.ticket.text" }
  - id: done
    end: resolved
`;

const script = (calls: string, content: string) => `scripted: true
agents:
  triage:
    - tool_calls: [${calls}]
    - content: '${content}'
`;
const refund = (order: string) => script(`{ name: orders.get, arguments: { order_id: ${order} } }`, `{"category":"refund","order_id":"${order}"}`);

/** Each case exercises a few sides; the test below says which. */
const CASES: Record<string, { order?: string; env?: string; text?: string; end: string; approvals?: string; script?: string }> = {
  small: { order: 'O-1', end: 'resolved' },
  'needs-approval': { order: 'O-2', end: 'resolved', approvals: '[{ as: bob, decision: approve }]' },
  'other-customer': { order: 'O-3', end: 'escalated' },
  'over-cap': { order: 'O-4', end: 'escalated' },
  question: { end: 'resolved', script: script('{ name: orders.get, arguments: { order_id: pat@example.com } }', '{"category":"question","order_id":"none"}') },
  other: { end: 'resolved', script: script('{ name: payments.schedule, arguments: { amount: 5 } }', '{"category":"other","order_id":"none"}') },
  'link-ok': { order: 'O-1', end: 'resolved', text: 'Broken, see https://help.mini.test/p/1' },
  'link-blocked': { order: 'O-1', end: 'compensated', text: 'Broken, see https://evil.example/p/1' },
  staging: { order: 'O-1', env: 'staging', end: 'failed' },
};

function miniFiles(): Record<string, string> {
  const files: Record<string, string> = {
    'workflows/policies/support.yaml': POLICY,
    'workflows/refund.yaml': WORKFLOW,
    'workflows/tools/email.send.yaml': `name: email.send
description: Send an email.
side_effect: write
args: { type: object, required: [to, subject], properties: { to: { type: string }, subject: { type: string }, body: { type: string } } }
http: { method: POST, url: "https://mail.mini.test/v1/send" }
retry: { initial_interval: 10ms, maximum_attempts: 2 }
data_classes: [email]
`,
    'workflows/tools/payments.schedule.yaml': `name: payments.schedule
description: Schedule a payment.
side_effect: write
args: { type: object, properties: { amount: { type: number } } }
http: { method: POST, url: "https://payments.mini.test/v1/payments" }
`,
  };
  for (const [id, c] of Object.entries(CASES)) {
    files[`fixtures/models/${id}.yaml`] = c.script ?? refund(c.order!);
    const event = { type: 'ticket.created', ticket: { id: `T-${id}`, text: c.text ?? 'It arrived broken', email: 'pat@example.com' } };
    files[`evals/gold/refund/${id}.yaml`] = `id: ${id}
workflow: refund
env: ${c.env ?? 'dev'}
event: ${JSON.stringify(event)}
model_script: fixtures/models/${id}.yaml
${c.approvals ? `approvals: ${c.approvals}\n` : ''}expect: { end: ${c.end} }
`;
  }
  return files;
}

const opened: Workbench[] = [];
afterAll(async () => {
  for (const wb of opened) await wb.close();
});

function open(root: string): Workbench {
  const wb = Workbench.open(root, { dbPath: path.join(root, '.tollgate', 'test.db') });
  opened.push(wb);
  return wb;
}

/** A workbench that will run cases: MSW patches the process's fetch, so the others stop intercepting first, as on the command line. */
async function openToRun(root: string): Promise<Workbench> {
  await Promise.all(opened.map((w) => w.stopMocks()));
  return open(root);
}

/** The gold cases of a workbench, run; with each run's decisions checked again. */
async function evaluate(wb: Workbench): Promise<{ report: EvalReport; table: CoverageTable; replayedSame: boolean[]; denied: Map<string, string[]> }> {
  const report = await runEval(wb);
  const replayedSame = report.cases.flatMap((c) => {
    const run = wb.runs.get(c.run_id)!;
    return replayDecisions({ run, journal: wb.journal(run.runId), definitions: wb.runDefinitions(run) }).map((d) => d.same);
  });
  // Deny-list items as the journal names them (`policy:<pack>/deny:<pattern>`), with the cases they stopped.
  const denied = new Map<string, string[]>();
  for (const c of report.cases) {
    for (const d of denials(wb.journal(c.run_id))) {
      const key = `policy:${d.policy?.replace(/@.*$/, '')}/${d.rule}`;
      if (d.rule.startsWith('deny:')) denied.set(key, [...new Set([...(denied.get(key) ?? []), c.key])].sort());
    }
  }
  return { report, table: projectCoverage(wb.definitions, report.cases), replayedSame, denied };
}

const casesOf = (table: CoverageTable, key: string) => {
  const [item, side] = [key.slice(0, key.lastIndexOf('#')), key.slice(key.lastIndexOf('#') + 1)];
  const row = table.items.find((r) => r.key === item);
  if (!row) throw new Error(`no item ${item}; items: ${table.items.map((r) => r.key).join(', ')}`);
  const found = row.sides.find((s) => s.side === side);
  if (!found) throw new Error(`item ${item} has no side ${side}`);
  return found.cases.map((c) => c.replace(/^refund\//, ''));
};

describe('policy coverage of a mini project', () => {
  let root: string;
  let mini: Awaited<ReturnType<typeof evaluate>>;
  beforeAll(async () => {
    root = makeMiniProject(miniFiles());
    mini = await evaluate(await openToRun(root));
  }, 60_000);

  it('lists every rule side of the pack and every compensation and transition, with file and line', () => {
    const items = coverageItems(open(root).definitions);
    const rows = items.map((i) => `${i.key} ${i.file}:${i.line} ${i.sides.join('/')}`);
    const policy = 'workflows/policies/support.yaml';
    expect(rows).toEqual([
      `policy:support/deny:payments.* ${policy}:5 blocked`,
      `policy:support/deny:email.send@staging ${policy}:10 blocked`,
      `policy:support/allow:orders.get ${policy}:4 allowed`,
      `policy:support/allow:refunds.* ${policy}:4 allowed`,
      `policy:support/allow:email.send ${policy}:4 allowed`,
      `policy:support/constraint:refund-cap ${policy}:12 holds/violated`,
      `policy:support/approval:refund-approval ${policy}:14 required/not_required`,
      `policy:support/data.forbid[0] ${policy}:17 blocked/allowed`,
      `policy:support/result:not-o3 ${policy}:19 holds/withheld`,
      `policy:support/outbound ${policy}:20 allowed/blocked`,
      `policy:support/writes@dev ${policy}:7 live`,
      `policy:support/writes@staging ${policy}:8 sandboxed`,
      'workflow:refund/transition:triage.next[0] workflows/refund.yaml:17 taken',
      'workflow:refund/transition:triage.next[1] workflows/refund.yaml:18 taken',
      'workflow:refund/transition:triage.next[2] workflows/refund.yaml:19 taken',
      'workflow:refund/transition:lookup.fallthrough workflows/refund.yaml:20 taken',
      'workflow:refund/compensate:refund workflows/refund.yaml:26 ran',
      'workflow:refund/transition:refund.fallthrough workflows/refund.yaml:23 taken',
      'workflow:refund/transition:notify.fallthrough workflows/refund.yaml:27 taken',
    ]);
    expect(items.every((i) => i.workflows.join() === 'refund')).toBe(true);
  });

  it('re-evaluates every journaled decision to the same outcome', () => {
    expect(mini.report.cases.map((c) => `${c.id}: ${c.end}`).sort()).toEqual(Object.entries(CASES).map(([id, c]) => `${id}: ${c.end}`).sort());
    expect(mini.replayedSame.length).toBeGreaterThan(20);
    expect(mini.replayedSame.every(Boolean)).toBe(true);
  });

  it('credits each side to the cases that exercise it, and to no other', () => {
    const refunded = ['link-blocked', 'link-ok', 'needs-approval', 'small', 'staging'];
    const lookedUp = [...refunded, 'other-customer', 'over-cap'].sort();
    expect({
      deny: casesOf(mini.table, 'policy:support/deny:payments.*#blocked'),
      envDeny: casesOf(mini.table, 'policy:support/deny:email.send@staging#blocked'),
      allow: casesOf(mini.table, 'policy:support/allow:orders.get#allowed'),
      allowGlob: casesOf(mini.table, 'policy:support/allow:refunds.*#allowed'),
      holds: casesOf(mini.table, 'policy:support/constraint:refund-cap#holds'),
      violated: casesOf(mini.table, 'policy:support/constraint:refund-cap#violated'),
      // The cap escalates over-cap, but the approval rule was evaluated too and came out required.
      required: casesOf(mini.table, 'policy:support/approval:refund-approval#required'),
      notRequired: casesOf(mini.table, 'policy:support/approval:refund-approval#not_required'),
      forbidBlocked: casesOf(mini.table, 'policy:support/data.forbid[0]#blocked'),
      forbidAllowed: casesOf(mini.table, 'policy:support/data.forbid[0]#allowed'),
      resultHolds: casesOf(mini.table, 'policy:support/result:not-o3#holds'),
      withheld: casesOf(mini.table, 'policy:support/result:not-o3#withheld'),
      linkAllowed: casesOf(mini.table, 'policy:support/outbound#allowed'),
      linkBlocked: casesOf(mini.table, 'policy:support/outbound#blocked'),
      devWrites: casesOf(mini.table, 'policy:support/writes@dev#live'),
      stagingWrites: casesOf(mini.table, 'policy:support/writes@staging#sandboxed'),
      compensated: casesOf(mini.table, 'workflow:refund/compensate:refund#ran'),
      toLookup: casesOf(mini.table, 'workflow:refund/transition:triage.next[0]#taken'),
      question: casesOf(mini.table, 'workflow:refund/transition:triage.next[1]#taken'),
      fallback: casesOf(mini.table, 'workflow:refund/transition:triage.next[2]#taken'),
      afterLookup: casesOf(mini.table, 'workflow:refund/transition:lookup.fallthrough#taken'),
      afterNotify: casesOf(mini.table, 'workflow:refund/transition:notify.fallthrough#taken'),
    }).toEqual({
      deny: ['other'],
      envDeny: ['staging'],
      allow: lookedUp,
      allowGlob: ['link-blocked', 'link-ok', 'needs-approval', 'over-cap', 'small', 'staging'],
      holds: refunded,
      violated: ['over-cap'],
      required: ['needs-approval', 'over-cap'],
      notRequired: ['link-blocked', 'link-ok', 'small', 'staging'],
      forbidBlocked: ['question'],
      forbidAllowed: lookedUp,
      resultHolds: lookedUp.filter((c) => c !== 'other-customer'),
      withheld: ['other-customer'],
      linkAllowed: ['link-ok'],
      linkBlocked: ['link-blocked'],
      devWrites: ['link-blocked', 'link-ok', 'needs-approval', 'small'],
      stagingWrites: ['staging'],
      compensated: ['link-blocked'],
      toLookup: lookedUp,
      question: ['question'],
      fallback: ['other'],
      afterLookup: lookedUp.filter((c) => c !== 'other-customer'),
      afterNotify: ['link-ok', 'needs-approval', 'small'],
    });
    expect(mini.table.totals).toMatchObject({ covered: 24, total: 24, ratio: 1 });
    expect(coverageShortfall(mini.table, 1)).toBeUndefined();
  });

  it('prints an aligned table that marks uncovered sides', () => {
    const table = projectCoverage(open(root).definitions, mini.report.cases.filter((c) => c.id !== 'over-cap'));
    const text = coverageText(table);
    const lines = text.split('\n');
    expect(lines[0]).toBe(`policy coverage ${((table.totals.covered / table.totals.total) * 100).toFixed(1)}%: ${table.totals.covered}/${table.totals.total} rule sides exercised, 1 uncovered`);
    const cap = lines.find((l) => l.startsWith('constraint'))!;
    expect(cap.replace(/ {2,}/g, ' | ')).toBe('constraint | support | refund-cap on refunds.create: args.amount <= 500 | workflows/policies/support.yaml:12 | ✓ holds 5 | ✗ violated UNCOVERED');
    const header = lines.find((l) => l.startsWith('kind'))!;
    expect(lines.filter((l) => l.startsWith('transition')).every((l) => l.indexOf('workflows/') === header.indexOf('where'))).toBe(true);
    expect(coverageShortfall(table, 1)?.message).toBe(`policy coverage ${(table.totals.ratio * 100).toFixed(1)}% (23/24 sides) is below the minimum 100.0%; uncovered: support/constraint:refund-cap#violated`);
  });
});

describe('policy coverage of the example project', () => {
  it('lists the packs and workflows with the gold cases that exercise each side', async () => {
    const { table, replayedSame, denied } = await evaluate(await openToRun(copyExampleProject()));
    expect(replayedSame.every(Boolean)).toBe(true);
    const row = (key: string) => table.items.find((r) => r.key === key)!;
    expect(row('policy:support-default/constraint:refund-cap')).toMatchObject({ file: 'workflows/policies/support-default.yaml', line: 13 });
    expect(casesOf(table, 'policy:support-default/constraint:refund-cap#violated')).toEqual(['refund-request/refund-just-over-cap']);
    expect(casesOf(table, 'policy:support-default/result:own-orders-only#withheld')).toEqual(['refund-request/refund-other-customers-order']);
    expect(casesOf(table, 'policy:support-default/approval:refund-over-200#required')).toEqual(['refund-request/refund-just-over-cap', 'refund-request/refund-two-person']);
    // A deny entry is covered exactly by the cases whose journal has a call it denied.
    const denyRows = table.items.filter((i) => i.kind === 'deny');
    for (const r of denyRows) expect(r.sides, r.key).toEqual([{ side: 'blocked', cases: denied.get(r.key) ?? [] }]);
    expect(row('policy:finance-default/taint').workflows).toEqual(['invoice-received']);
    expect(table.workflows).toEqual(['alert-fired', 'invoice-received', 'refund-request']);
    // What no gold case reaches today: blocking constraints never broken, links never let through, prod writes, a compensation no failure can follow.
    expect(table.uncovered).toEqual([
      'policy:finance-default/constraint:currency#violated', 'policy:finance-default/outbound#allowed', 'policy:finance-default/taint#required', 'policy:finance-default/writes@prod#live',
      'policy:sre-default/constraint:page-only-severe#violated', 'policy:sre-default/outbound#allowed', 'policy:support-default/constraint:one-recipient#violated',
      'policy:support-default/outbound#allowed', 'policy:support-default/writes@prod#live', 'workflow:invoice-received/compensate:schedule#ran',
    ]);
    expect(table.totals).toMatchObject({ covered: 73, total: 83 });
  }, 120_000);
});

describe('tollgate coverage (real process)', () => {
  it('prints the table, writes reports and fails below gate.yaml coverage.min', async () => {
    const root = makeMiniProject(miniFiles());
    const gate = (min: number) => writeFileSync(path.join(root, 'evals', 'gate.yaml'), `thresholds: { pass_rate: 1 }\ncoverage: { min: ${min} }\n`);
    gate(0.95);
    const below = await tollgate(['coverage', '--case', '!{over-cap,refund/over-cap}', '--out'], { cwd: root });
    expect(below.stdout.split('\n')[0]).toBe('policy coverage 95.8%: 23/24 rule sides exercised, 1 uncovered');
    expect(below.stdout).toMatch(/✗ violated UNCOVERED\n/);
    expect(below.code, below.stderr).toBe(0);
    const written = JSON.parse(readFileSync(path.join(root, 'reports', 'coverage.json'), 'utf8')) as CoverageTable;
    expect(written.uncovered).toEqual(['policy:support/constraint:refund-cap#violated']);
    expect(readFileSync(path.join(root, 'reports', 'coverage.md'), 'utf8')).toMatch(/^## Policy coverage: 95\.8% \(23\/24 sides\)\n/);
    gate(0.97);
    const above = await tollgate(['coverage', '--case', '!{over-cap,refund/over-cap}', '--json'], { cwd: root });
    expect(above.code).toBe(1);
    expect((JSON.parse(above.stdout) as CoverageTable).totals.ratio).toBe(0.9583);
    expect(above.stderr).toBe('coverage FAILED: policy coverage 95.8% (23/24 sides) is below the minimum 97.0%; uncovered: support/constraint:refund-cap#violated\n');
  }, 60_000);
});
