import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mapLimit, tollgate } from '../support/cli.ts';

// A new user's first minutes: init a department template in an empty folder, and the gate passes
// offline straight after (the compiled CLI; the blank template's mocks are plain JavaScript). No
// npm install in between: the projects' MSW handler mocks find msw through tollgate's own copy.
describe('tollgate init (real processes)', () => {
  it('every template scaffolds a project the gate passes on; a second init keeps every file', async () => {
    const base = mkdtempSync(path.join(tmpdir(), 'tollgate-init-'));
    const results = await mapLimit(['support', 'finance', 'sre', 'blank'], 2, async (template) => {
      const dir = path.join(base, template);
      const init = await tollgate(['init', dir, '--template', template], { cwd: base });
      const gate = await tollgate(['gate'], { cwd: dir, env: { CI: 'true' } });
      return { template, dir, init, gate };
    });
    for (const { template, dir, init, gate } of results) {
      expect(init.code, init.stderr).toBe(0);
      expect(init.stdout).toMatch(new RegExp(`^${template}: .*\\nwrote \\d+ file\\(s\\) in .*${template}\\nnext: npm install, then npx tollgate gate`));
      expect([template, gate.code, gate.stdout.split('\n').at(-2)]).toEqual([template, 0, 'gate passed; reports in reports/']);
      const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as Record<string, unknown>;
      expect(pkg).toMatchObject({ type: 'module', private: true, devDependencies: { msw: expect.stringMatching(/^\^2\./), tollgate: expect.stringMatching(/^\^/) } });
      expect(existsSync(path.join(dir, 'node_modules'))).toBe(false);
      expect(readFileSync(path.join(dir, 'fixtures', 'tools', template === 'blank' ? 'index.mjs' : 'index.ts'), 'utf8')).toContain('export function createHandlers(');
      // A department gets the dashboard and alerting templates for when it serves its bundle.
      if (template !== 'blank') expect(['grafana/tollgate-runtime.json', 'prometheus/tollgate-alerts.yml'].every((f) => existsSync(path.join(dir, 'observability', f)))).toBe(true);
    }
    // Into an existing repository: nothing is overwritten, and the user is told what was kept.
    const mine = path.join(base, 'support', 'tollgate.yaml');
    writeFileSync(mine, `${readFileSync(mine, 'utf8')}# my own change\n`);
    const again = await tollgate(['init', path.join(base, 'support'), '--template', 'support'], { cwd: base });
    expect(again.stdout).toMatch(/\nwrote 0 file\(s\) in .*\nkept \d+ file\(s\) that were there: /);
    expect(readFileSync(mine, 'utf8')).toMatch(/# my own change\n$/);
    const wrong = await tollgate(['init', path.join(base, 'x'), '--template', 'legal'], { cwd: base });
    expect([wrong.code, wrong.stderr]).toEqual([2, 'tollgate: --template must be one of support, finance, sre, blank, not "legal"\n']);
  }, 240_000);
});
