import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tollgate } from '../support/cli.ts';
import { copyExampleProject } from '../support/mini-project.ts';

let root: string;
beforeAll(() => {
  root = copyExampleProject();
});

describe('keys, release and verify (real processes)', () => {
  it('generates a key pair without printing the private key; the private key file is 0600', async () => {
    const r = await tollgate(['keys', 'generate', '--out', 'keys/release.key'], { cwd: root });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^wrote keys\/release\.key \(private, mode 0600\) and keys\/release\.key\.pub\nkey id [0-9a-f]{64}\n$/);
    expect(r.stdout).not.toContain('PRIVATE KEY');
    expect(statSync(path.join(root, 'keys', 'release.key')).mode & 0o777).toBe(0o600);
    const id = await tollgate(['keys', 'id', 'keys/release.key.pub'], { cwd: root });
    expect(r.stdout).toContain(id.stdout.trim());
    expect((await tollgate(['keys', 'generate', '--out', 'keys/release.key'], { cwd: root })).stderr).toBe('tollgate: keys/release.key exists: refusing to overwrite a key\n');
  });

  it('releases when the gate passes, and the bundle verifies with the trusted key', async () => {
    const r = await tollgate(['release', '--key', 'keys/release.key', '--out', 'dist'], { cwd: root, env: { CI: 'true' } });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^gate passed \(52\/52\); wrote dist\/acme-support-v1\.bundle\.json: version 1, \d+ files, key [0-9a-f]{64}\n$/);
    const v = await tollgate(['verify', 'dist/acme-support-v1.bundle.json', '--trust', 'keys/release.key.pub'], { cwd: root });
    expect(v.code).toBe(0);
    expect(v.stdout).toMatch(/^ok: acme-support version 1, signed by [0-9a-f]{64}\n/);
    expect(v.stdout).toContain('  gate passed: 52/52 cases');
    // The signed statement carries the suite's mutation score (its report bundled) and policy coverage.
    expect(v.stdout).toContain('  mutation score 100.0%: 75/75 mutants killed, 8 ignored as equivalent\n');
    expect(v.stdout).toMatch(/\n {2}policy coverage \d+\.\d%: \d+\/\d+ rule sides\n/);
    expect(v.stdout).toMatch(/ {2}[0-9a-f]{16} {2}mutation\.json\n/);
    const json = await tollgate(['verify', 'dist/acme-support-v1.bundle.json', '--trust', 'keys/release.key.pub', '--json'], { cwd: root });
    expect(JSON.parse(json.stdout).predicate.mutation).toMatchObject({ score: 1, killed: 75, survived: 0, ignored: 8, total: 83 });
    expect(v.stdout).toMatch(/ {2}[0-9a-f]{16} {2}workflows\/refund-request\.yaml/);
  }, 120_000);

  it('verify --state checks the version a runtime accepted last; release refuses an expiry of 0', async () => {
    mkdirSync(path.join(root, 'state'), { recursive: true });
    const memory = path.join(root, 'state', 'accepted-version.json');
    writeFileSync(memory, JSON.stringify({ version: 3 }));
    const older = await tollgate(['verify', 'dist/acme-support-v1.bundle.json', '--trust', 'keys/release.key.pub', '--state', 'state'], { cwd: root });
    expect([older.code, older.stderr]).toEqual([1, 'tollgate: dist/acme-support-v1.bundle.json: refused (TG_BUNDLE_ROLLBACK): version 1 is older than the version 3 the runtime at state accepted\n']);
    writeFileSync(memory, JSON.stringify({ version: 1 }));
    const same = await tollgate(['verify', 'dist/acme-support-v1.bundle.json', '--trust', 'keys/release.key.pub', '--state', 'state'], { cwd: root });
    expect(same.code).toBe(0);
    expect(same.stdout).toContain('\n  the runtime at state accepted version 1 last: this one would be accepted\n');
    writeFileSync(memory, '{"version": ');
    const broken = await tollgate(['verify', 'dist/acme-support-v1.bundle.json', '--trust', 'keys/release.key.pub', '--state', 'state'], { cwd: root });
    expect([broken.code, broken.stderr.split('\n').length, broken.stderr.includes('    at ')]).toEqual([1, 2, false]);
    expect(broken.stderr).toMatch(/^tollgate: .*state\/accepted-version\.json cannot be read \(.*\): it is the runtime's memory of the newest accepted bundle; restore it rather than delete it/);
    const zero = await tollgate(['release', '--key', 'keys/release.key', '--expires', '0s', '--out', 'dist-zero'], { cwd: root, env: { CI: 'true' } });
    expect([zero.code, zero.stderr]).toEqual([2, 'tollgate: --expires expects a duration longer than 0, such as 90d, not "0s"\n']);
  });

  it('refuses a tampered bundle with the reason', async () => {
    const file = path.join(root, 'dist', 'acme-support-v1.bundle.json');
    const bundle = JSON.parse(readFileSync(file, 'utf8'));
    const policy = 'workflows/policies/support-default.yaml';
    bundle.files[policy] = Buffer.from(Buffer.from(bundle.files[policy], 'base64').toString().replace('args.amount <= 500', 'args.amount <= 50000')).toString('base64');
    writeFileSync(path.join(root, 'dist', 'tampered.json'), JSON.stringify(bundle));
    const v = await tollgate(['verify', 'dist/tampered.json', '--trust', 'keys/release.key.pub'], { cwd: root });
    expect(v.code).toBe(1);
    expect(v.stderr).toBe(`tollgate: dist/tampered.json: refused (TG_BUNDLE_TAMPERED): ${policy} does not match its signed digest\n`);
  });

  it('records the canary report that supported a model change in the signed bundle', async () => {
    const canary = await tollgate(['canary', '--baseline', 'llama3.2:3b', '--candidate', 'llama3.2:3b-q8', '--workflow', 'alert-fired', '--out', 'canary'], { cwd: root, env: { CI: 'true' } });
    expect(canary.code).toBe(0);
    const r = await tollgate(['release', '--key', 'keys/release.key', '--out', 'dist', '--canary', 'canary/canary.json'], { cwd: root, env: { CI: 'true' } });
    expect(r.code).toBe(0);
    const v = await tollgate(['verify', 'dist/acme-support-v2.bundle.json', '--trust', 'keys/release.key.pub'], { cwd: root });
    expect(v.stdout).toMatch(/\n {2}canary: llama3\.2:3b-q8 against llama3\.2:3b: promote \(canary\.json [0-9a-f]{16}\)\n/);
    expect(v.stdout).toMatch(/ {2}[0-9a-f]{16} {2}canary\.json\n/);
  }, 120_000);

  it('writes nothing and says why when the gate fails', async () => {
    const policy = path.join(root, 'workflows', 'policies', 'support-default.yaml');
    writeFileSync(policy, readFileSync(policy, 'utf8').replace('args.amount <= 500', 'args.amount <= 5000'));
    const before = readdirSync(path.join(root, 'dist'));
    const r = await tollgate(['release', '--key', 'keys/release.key', '--out', 'dist'], { cwd: root, env: { CI: 'true' } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('gate FAILED: no bundle written\n');
    expect(r.stderr).toContain('  - refund-request/refund-just-over-cap passed in the baseline and fails now');
    expect(readdirSync(path.join(root, 'dist'))).toEqual(before);
    expect(existsSync(path.join(root, 'dist', 'acme-support-v3.bundle.json'))).toBe(false);
  }, 60_000);
});
