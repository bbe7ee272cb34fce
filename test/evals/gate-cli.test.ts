import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { spawnSync } from 'node:child_process';
import { REPO, tollgate } from '../support/cli.ts';
import { copyExampleProject } from '../support/mini-project.ts';

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
    expect(r.stdout).toMatch(/^31\/31 cases passed \(100\.0%\), grounding 100\.0%, 0 hard violations, 5 policy blocks, \$0\.\d{6} per run, p95 \d+ ms\ngate passed; reports in reports\/\n$/);
    expect(r.stderr.trim().split('\n')).toHaveLength(31);
    const xml = readFileSync(path.join(root, 'reports', 'junit.xml'), 'utf8');
    expect(XMLValidator.validate(xml)).toBe(true);
    expectValidJUnit(path.join(root, 'reports', 'junit.xml'));
    const parsed = JUnit.parse(new XMLParser({ ignoreAttributes: false, isArray: (name) => ['testsuite', 'testcase'].includes(name) }).parse(xml));
    expect(parsed.testsuites.testsuite.map((s) => [s['@_name'], s['@_tests'], s['@_failures']])).toEqual([['alert-fired', '8', '0'], ['invoice-received', '9', '0'], ['refund-request', '14', '0']]);
    expect(readFileSync(path.join(root, 'summary.md'), 'utf8')).toContain('## tollgate gate: ✅ passed');
    expect(JSON.parse(readFileSync(path.join(root, 'reports', 'gate.json'), 'utf8')).verdict.pass).toBe(true);
  }, 120_000);

  it('fails with the reasons, a failure per case in JUnit and ::error annotations that point at the gold case file', async () => {
    const file = path.join(root, 'workflows', 'policies', 'support-default.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('args.amount <= 500', 'args.amount <= 5000'));
    const r = await tollgate(['gate', '--out', 'failed', '--workflow', 'refund-request'], { cwd: root, env: { CI: 'true', GITHUB_ACTIONS: 'true' } });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('::error file=evals/gold/refund-request/refund-just-over-cap.yaml,line=1,title=gold case refund-request/refund-just-over-cap failed::');
    expect(r.stdout).toContain('gate FAILED:\n  - pass rate 92.9% is below 100.0%');
    expect(r.stdout).toContain('  - refund-request/refund-just-over-cap passed in the baseline and fails now');
    const xml = readFileSync(path.join(root, 'failed', 'junit.xml'), 'utf8');
    expectValidJUnit(path.join(root, 'failed', 'junit.xml'));
    const parsed = JUnit.parse(new XMLParser({ ignoreAttributes: false, isArray: (name) => ['testsuite', 'testcase'].includes(name) }).parse(xml));
    const failing = parsed.testsuites.testsuite[0]!.testcase.filter((c) => c.failure);
    expect(failing.map((c) => c['@_name'])).toEqual(['refund-just-over-cap']);
    expect(failing[0]!.failure!['#text']).toContain('outcome: ended waiting_approval');
    writeFileSync(file, readFileSync(file, 'utf8').replace('args.amount <= 5000', 'args.amount <= 500'));
  }, 120_000);

  it('sharded runs merge into one verdict equal to the unsharded one', async () => {
    const a = await tollgate(['gate', '--shard', '1/2', '--out', 'shard1'], { cwd: root, env: { CI: 'true' } });
    const b = await tollgate(['gate', '--shard', '2/2', '--out', 'shard2'], { cwd: root, env: { CI: 'true' } });
    expect([a.code, b.code]).toEqual([0, 0]);
    const s1 = JSON.parse(readFileSync(path.join(root, 'shard1', 'eval.json'), 'utf8')) as { cases: { key: string }[] };
    const s2 = JSON.parse(readFileSync(path.join(root, 'shard2', 'eval.json'), 'utf8')) as { cases: { key: string }[] };
    expect(s1.cases.length + s2.cases.length).toBe(31);
    expect(s1.cases.filter((c) => s2.cases.some((d) => d.key === c.key))).toEqual([]);
    const merged = await tollgate(['report', 'merge', 'shard1/eval.json', 'shard2/eval.json', '--out', 'merged'], { cwd: root, env: { CI: 'true' } });
    expect(merged.code, merged.stdout + merged.stderr).toBe(0);
    expect(merged.stdout).toMatch(/^31\/31 cases passed/);
    expect(existsSync(path.join(root, 'merged', 'junit.xml'))).toBe(true);
    const twice = await tollgate(['report', 'merge', 'shard1/eval.json', 'shard1/eval.json'], { cwd: root });
    expect(twice.code).toBe(1);
    expect(twice.stderr).toMatch(/^tollgate: case [\w/-]+ appears in more than one shard report\n$/);
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
    db.close();
    expect(row).toEqual({ kind: 'eval', cases: 8, passed: 8 });
    expect(results.n).toBe(8);
  }, 60_000);
});
