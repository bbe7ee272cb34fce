import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { spawnSync } from 'node:child_process';
import { REPO, tollgate } from '../support/cli.ts';
import { copyExampleProject } from '../support/mini-project.ts';
import { EvalStore } from '../../src/store/index.ts';
import { summaryOf, type EvalReport, type EvalReportFile } from '../../src/evals/index.ts';

let root: string;
beforeAll(() => {
  root = copyExampleProject();
  writeFileSync(path.join(root, 'summary.md'), '');
});

/** The JUnit XML structure CI systems read (Ant/Surefire/Jenkins): the required elements and attributes. */
const Num = z.string().regex(/^\d+(\.\d+)?$/);
const TestCase = z.object({ '@_name': z.string().min(1), '@_classname': z.string().min(1), '@_time': Num, failure: z.object({ '@_message': z.string(), '@_type': z.string(), '#text': z.string() }).optional(), 'system-out': z.unknown().optional() }).passthrough();
const TestSuite = z.object({ '@_name': z.string().min(1), '@_tests': Num, '@_failures': Num, '@_errors': Num, '@_skipped': Num, '@_time': Num, '@_timestamp': z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/), testcase: z.array(TestCase).min(1) }).passthrough();
const JUnit = z.object({ testsuites: z.object({ '@_tests': Num, '@_failures': Num, testsuite: z.array(TestSuite).min(1) }).passthrough() });

/** Validates against the JUnit XSD with libxml2's xmllint (.ci/run installs Debian's libxml2-utils). */
function expectValidJUnit(file: string): void {
  const r = spawnSync('xmllint', ['--noout', '--schema', path.join(REPO, 'test', 'support', 'junit.xsd'), file], { encoding: 'utf8' });
  if (r.error) throw new Error('xmllint is not installed: apt-get install libxml2-utils (.ci/run does this)');
  expect(r.stderr.trim()).toBe(`${file} validates`);
  expect(r.status).toBe(0);
}

describe('tollgate gate (real process, example project, offline)', () => {
  it('passes, writes JSON, JUnit XML and Markdown, appends the step summary, and annotates nothing', async () => {
    const r = await tollgate(['gate', '--out', 'reports'], { cwd: root, env: { CI: 'true', GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: path.join(root, 'summary.md') } });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^52\/52 cases passed \(100\.0%\), grounding 100\.0%, 0 hard violations, 23 policy blocks, \$0\.\d{6} per run, p95 \d+ ms\ngrounding: \d+ claim\(s\) checked in 52 case\(s\), 0 ungrounded; \d+ without a figure, date or status left unchecked \(--judge asks a model\)\npolicy coverage \d+\.\d%: \d+\/\d+ rule sides exercised, \d+ uncovered \(tollgate coverage lists them\)\nmutation score 100\.0%: 75 of 75 mutants killed \(5 by validation, 8 ignored as equivalent\), 0 survived; \d+ gold case runs in [\d.]+ s\ngate passed; reports in reports\/\n$/);
    // One progress line per case, then the mutation run gate.yaml requires (no report for these files yet).
    expect(r.stderr.trim().split('\n')).toHaveLength(53);
    expect(r.stderr).toMatch(/^mutation testing \(gate\.yaml requires a score; no report for these files yet\): 83 mutants$/m);
    const mutation = JSON.parse(readFileSync(path.join(root, 'reports', 'mutation.json'), 'utf8')) as { score: number; survived: number };
    expect([mutation.score, mutation.survived]).toEqual([1, 0]);
    // A report made for exactly these files is used as it is, not made again.
    const again = await tollgate(['gate', '--out', 'reports'], { cwd: root, env: { CI: 'true' } });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('(from reports/mutation.json)');
    expect(again.stderr).not.toContain('mutation testing');
    const xml = readFileSync(path.join(root, 'reports', 'junit.xml'), 'utf8');
    expect(XMLValidator.validate(xml)).toBe(true);
    expectValidJUnit(path.join(root, 'reports', 'junit.xml'));
    const parsed = JUnit.parse(new XMLParser({ ignoreAttributes: false, isArray: (name) => ['testsuite', 'testcase'].includes(name) }).parse(xml));
    expect(parsed.testsuites.testsuite.map((s) => [s['@_name'], s['@_tests'], s['@_failures']])).toEqual([['alert-fired', '14', '0'], ['invoice-received', '15', '0'], ['refund-request', '23', '0']]);
    expect(readFileSync(path.join(root, 'summary.md'), 'utf8')).toContain('## tollgate gate: ✅ passed');
    expect(JSON.parse(readFileSync(path.join(root, 'reports', 'gate.json'), 'utf8')).verdict.pass).toBe(true);
  }, 120_000);

  it('fails with the reasons, a failure per case in JUnit, ::error annotations at the failing expectation, and the failing traces to replay', async () => {
    const file = path.join(root, 'workflows', 'policies', 'support-default.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('args.amount <= 500', 'args.amount <= 5000'));
    const kb = path.join(root, 'fixtures', 'models', 'refund-request', 'question-answered-from-kb.yaml');
    const answer = readFileSync(kb, 'utf8');
    writeFileSync(kb, answer.replace('within 5 to 7 business days', 'within 14 business days'));
    const r = await tollgate(['gate', '--out', 'failed', '--workflow', 'refund-request'], { cwd: root, env: { CI: 'true', GITHUB_ACTIONS: 'true' } });
    expect(r.code).toBe(1);
    // Each annotation points at the line of the expectation that failed: `end: "escalated"`, `grounded: true`.
    expect(r.stdout).toContain('::error file=evals/gold/refund-request/refund-just-over-cap.yaml,line=8,title=gold case refund-request/refund-just-over-cap failed::');
    expect(r.stdout).toContain('::error file=evals/gold/refund-request/question-answered-from-kb.yaml,line=11,title=gold case refund-request/question-answered-from-kb failed::');
    // The failing cases' traces, as CI uploads them; one replays from there as it ran.
    expect(readdirSync(path.join(root, 'failed', 'failing-traces', 'refund-request')).sort()).toEqual(['question-answered-from-kb.json', 'refund-just-over-cap.json']);
    const replay = await tollgate(['replay', path.join('failed', 'failing-traces', 'refund-request', 'refund-just-over-cap.json')], { cwd: root, env: { CI: 'true' } });
    expect(replay.stdout).toContain('identical');
    expect(r.stdout).toContain('gate FAILED:\n  - pass rate 91.3% is below 100.0%');
    // The grounding line names the claim, its case, where it was said and what was looked for.
    const claim = '"Refunds reach the original payment method within 14 business days after we approve them." (steps.triage.output.answer): quantity "14 business days": no 14 business days for the window in the event or any tool reply';
    expect(r.stdout).toMatch(/\ngrounding: \d+ claim\(s\) checked in 23 case\(s\), 1 ungrounded; \d+ without a figure, date or status left unchecked \(--judge asks a model\)\n/);
    expect(r.stdout).toContain(`\n  ✗ refund-request/question-answered-from-kb: ${claim}\n`);
    expect(r.stdout).toContain(`  ✗ refund-request/question-answered-from-kb (evals/gold/refund-request/question-answered-from-kb.yaml)\n      grounding: ${claim}\n`);
    expect(readFileSync(path.join(root, 'failed', 'summary.md'), 'utf8')).toContain(`### Ungrounded claims\n\n- \`refund-request/question-answered-from-kb\`: ${claim}\n`);
    // The console says why, case by case, not only the reports.
    expect(r.stdout).toContain('  ✗ refund-request/refund-just-over-cap (evals/gold/refund-request/refund-just-over-cap.yaml)\n      outcome: ended waiting_approval');
    expect(r.stdout).toContain('  - refund-request/refund-just-over-cap passed in the baseline and fails now');
    const xml = readFileSync(path.join(root, 'failed', 'junit.xml'), 'utf8');
    expectValidJUnit(path.join(root, 'failed', 'junit.xml'));
    const parsed = JUnit.parse(new XMLParser({ ignoreAttributes: false, isArray: (name) => ['testsuite', 'testcase'].includes(name) }).parse(xml));
    const failing = parsed.testsuites.testsuite[0]!.testcase.filter((c) => c.failure);
    expect(failing.map((c) => c['@_name'])).toEqual(['question-answered-from-kb', 'refund-just-over-cap']);
    expect(failing.find((c) => c['@_name'] === 'refund-just-over-cap')!.failure!['#text']).toContain('outcome: ended waiting_approval');
    writeFileSync(file, readFileSync(file, 'utf8').replace('args.amount <= 5000', 'args.amount <= 500'));
    writeFileSync(kb, answer);
  }, 120_000);

  it('sharded runs merge into one verdict equal to the unsharded one', async () => {
    // The whole suite's mutation report, as a CI cache carries it between jobs (else each shard makes it again).
    const made = path.join(root, 'reports', 'mutation.json');
    for (const dir of ['shard1', 'shard2']) if (existsSync(made)) cpSync(made, path.join(root, dir, 'mutation.json'));
    const a = await tollgate(['gate', '--shard', '1/2', '--out', 'shard1'], { cwd: root, env: { CI: 'true' } });
    const b = await tollgate(['gate', '--shard', '2/2', '--out', 'shard2'], { cwd: root, env: { CI: 'true' } });
    expect([a.code, b.code]).toEqual([0, 0]);
    const s1 = JSON.parse(readFileSync(path.join(root, 'shard1', 'eval.json'), 'utf8')) as { cases: { key: string }[] };
    const s2 = JSON.parse(readFileSync(path.join(root, 'shard2', 'eval.json'), 'utf8')) as { cases: { key: string }[] };
    expect(s1.cases.length + s2.cases.length).toBe(52);
    expect(s1.cases.filter((c) => s2.cases.some((d) => d.key === c.key))).toEqual([]);
    const merged = await tollgate(['report', 'merge', 'shard1/eval.json', 'shard2/eval.json', '--out', 'merged'], { cwd: root, env: { CI: 'true' } });
    expect(merged.code, merged.stdout + merged.stderr).toBe(0);
    expect(merged.stdout).toMatch(/^52\/52 cases passed/);
    expect(merged.stdout).toContain('mutation score 100.0%');
    expect(existsSync(path.join(root, 'merged', 'junit.xml'))).toBe(true);
    const twice = await tollgate(['report', 'merge', 'shard1/eval.json', 'shard1/eval.json'], { cwd: root });
    expect(twice.code).toBe(1);
    expect(twice.stderr).toMatch(/^tollgate: case [\w/-]+ appears in more than one shard report\n$/);
  }, 120_000);
});

describe('tollgate grounding (real process)', () => {
  it('prints precision and recall on the labelled claims, deterministic and with the scripted judge', async () => {
    const r = await tollgate(['grounding', '--judge-script', 'fixtures/judge/labelled-set.yaml'], { cwd: root, env: { CI: 'true' } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^464 labelled claims in evals\/grounding\/labelled\.yaml; "ungrounded" is the positive class\ndeterministic, 374 claims of the types it covers: precision 0\.9[5-9]\d, recall 0\.9[3-9]\d, agreement 0\.9\d\d /);
    expect(r.stdout).toMatch(/\njudge \(scripted: fixtures\/judge\/labelled-set\.yaml\), 90 promises, policies, exclusions and status changes: precision (1\.000|0\.9[5-9]\d), recall (1\.000|0\.9[5-9]\d)/);
    const bad = await tollgate(['grounding', '--judge-script', 'fixtures/judge/missing.yaml'], { cwd: root });
    expect([bad.code, bad.stderr.includes('fixtures/judge/missing.yaml'), bad.stderr.includes('    at ')]).toEqual([1, true, false]);
  }, 60_000);
});

describe('tollgate mutate (real process)', () => {
  it('lists its operators, runs the chosen ones, reports survivors with their diff and fails below gate.yaml\'s minimum', async () => {
    const list = await tollgate(['mutate', '--list'], { cwd: root });
    expect(list.stdout.trim().split('\n').length).toBeGreaterThanOrEqual(12);
    expect(list.stdout).toMatch(/^lower-quorum +lower a quorum$/m);
    const killed = await tollgate(['mutate', '--operator', 'lower-quorum', '--out', 'mutants'], { cwd: root, env: { CI: 'true' } });
    expect(killed.code, killed.stderr).toBe(0);
    expect(killed.stdout).toMatch(/^mutation score 100\.0%: 2 of 2 mutants killed, 0 survived; \d+ gold case runs in [\d.]+ s\n/);
    // Without the case that proves the two-person rule, its lowered quorum survives: shown as a diff, with the case it calls for.
    const weaker = copyExampleProject();
    const twoPerson = path.join(weaker, 'evals', 'gold', 'refund-request', 'refund-two-person.yaml');
    writeFileSync(twoPerson, readFileSync(twoPerson, 'utf8').replace(/\n {2}approvals: \[.*\]/, ''));
    const survived = await tollgate(['mutate', '--operator', 'lower-quorum', '--out', 'mutants'], { cwd: weaker, env: { CI: 'true' } });
    expect(survived.code).toBe(1);
    expect(survived.stdout).toContain('survived: lower-quorum@workflows/policies/support-default.yaml#approvals[1]\n  support-default/refund-over-200: 2 approvers → 1\n');
    expect(survived.stdout).toMatch(/^ {4}-.*refund-over-200.*approvers: 2.*\n {4}\+.*refund-over-200.*approvers: 1/m);
    expect(survived.stdout).toContain('  needed: a refund-request case expecting approvals: [{ rule: refund-over-200, quorum: 2, distinct_approvers: 2 }]');
    expect(survived.stdout).toContain('mutation score 50.0% is below the minimum 100.0% of evals/gate.yaml');
    const report = JSON.parse(readFileSync(path.join(weaker, 'mutants', 'mutation.json'), 'utf8')) as { mutants: { id: string; status: string }[] };
    expect(report.mutants.map((m) => m.status).sort()).toEqual(['killed', 'survived']);
  }, 120_000);
});

describe('eval results are stored', () => {
  it('tollgate eval stores its report and one row per case in SQLite', async () => {
    const { default: Database } = await import('better-sqlite3');
    const r = await tollgate(['eval', '--workflow', 'alert-fired', '--out', 'eval-out'], { cwd: root, env: { CI: 'true' } });
    expect(r.code).toBe(0);
    const db = new Database(path.join(root, '.tollgate', 'tollgate.db'), { readonly: true });
    const row = db.prepare("SELECT kind, cases, passed FROM eval_reports WHERE kind = 'eval' ORDER BY created_at DESC LIMIT 1").get();
    const results = db.prepare('SELECT count(*) AS n FROM eval_results r JOIN eval_reports e USING (report_id) WHERE e.kind = ?').get('eval') as { n: number };
    const stored = new EvalStore(db).latest<EvalReport>()!;
    db.close();
    expect(row).toEqual({ kind: 'eval', cases: 14, passed: 14 });
    expect(results.n).toBe(14);
    // The stored report is the file's, each case summarised (the scorers' details stay in the file).
    const file = JSON.parse(readFileSync(path.join(root, 'eval-out', 'eval.json'), 'utf8')) as EvalReportFile;
    expect(stored.kind).toBe('eval');
    expect(stored.report.cases).toEqual(file.cases.map((c) => summaryOf(c)));
    expect({ ...stored.report, cases: [] }).toEqual({ ...file, cases: [] });
  }, 60_000);
});
