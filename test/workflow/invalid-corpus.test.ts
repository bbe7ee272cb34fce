import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validatePaths } from '../../src/project/index.ts';
import { formatDiagnostic } from '../../src/workflow/index.ts';
import { REPO, tollgate } from '../support/cli.ts';

const CASES_DIR = path.join(REPO, 'fixtures', 'invalid', 'cases');
const cases = readdirSync(CASES_DIR).filter((f) => f.endsWith('.yaml')).sort();
const expectedOf = (file: string) => readFileSync(path.join(CASES_DIR, file.replace(/\.yaml$/, '.expected')), 'utf8').trim().split('\n');

describe('tollgate validate on the broken-definitions corpus', () => {
  it('holds at least 35 broken files, one per kind of mistake, each with its expected diagnostics', () => {
    expect(cases.length).toBeGreaterThanOrEqual(35);
    const codes = new Set(cases.map((c) => expectedOf(c)[0]!.split(' ')[2]));
    expect(codes.size).toBeGreaterThanOrEqual(15);
  });

  it('the context project itself is valid', () => {
    expect(validatePaths(['fixtures/invalid'], { cwd: REPO }).diagnostics).toEqual([]);
  });

  // What the command reports, in this process: a process per file would only time the start-up.
  it('each broken file fails with exactly its expected file:line:column diagnostics', () => {
    for (const file of cases) {
      const { diagnostics } = validatePaths([`fixtures/invalid/cases/${file}`], { cwd: REPO });
      expect({ file, diagnostics: diagnostics.map(formatDiagnostic) }).toEqual({ file, diagnostics: expectedOf(file) });
    }
  });

  it('the real CLI prints them, as text and as JSON, exits 1, and never a stack trace', async () => {
    for (const file of [cases[0]!, cases.at(-1)!]) {
      const rel = `fixtures/invalid/cases/${file}`;
      const [text, json] = await Promise.all([tollgate(['validate', rel], { cwd: REPO }), tollgate(['validate', rel, '--json'], { cwd: REPO })]);
      const expected = expectedOf(file);
      const lines = text.stderr.trim().split('\n');
      expect({ file, code: text.code, diagnostics: lines.slice(0, -2), summary: lines.at(-1) }).toEqual({
        file, code: 1, diagnostics: expected, summary: `${expected.length} error${expected.length === 1 ? '' : 's'}`,
      });
      expect(text.stderr, file).not.toMatch(/^\s+at /m);
      const parsed = JSON.parse(json.stdout) as { ok: boolean; diagnostics: { file: string; line: number; column: number; code: string; message: string }[] };
      expect([json.code, parsed.ok]).toEqual([1, false]);
      expect(parsed.diagnostics.map((d) => `${d.file}:${d.line}:${d.column}: error ${d.code}: ${d.message}`)).toEqual(expected);
    }
    const ok = await tollgate(['validate', 'fixtures/invalid'], { cwd: REPO });
    expect([ok.code, ok.stdout]).toEqual([0, expect.stringMatching(/^ok: 1 workflows, 2 tools, 1 policies, 0 gold cases in /)]);
  }, 60_000);
});
