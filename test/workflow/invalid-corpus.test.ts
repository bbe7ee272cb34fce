import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mapLimit, REPO, tollgate } from '../support/cli.ts';

const CASES_DIR = path.join(REPO, 'fixtures', 'invalid', 'cases');
const cases = readdirSync(CASES_DIR).filter((f) => f.endsWith('.yaml')).sort();

describe('tollgate validate on the broken-definitions corpus (real CLI)', () => {
  it('holds at least 20 broken files, one per kind of mistake, each with its expected diagnostics', () => {
    expect(cases.length).toBeGreaterThanOrEqual(20);
    const codes = new Set(cases.map((c) => readFileSync(path.join(CASES_DIR, c.replace(/\.yaml$/, '.expected')), 'utf8').split(' ')[2]));
    expect(codes.size).toBeGreaterThanOrEqual(15);
  });

  it('the context project itself is valid', async () => {
    const r = await tollgate(['validate', 'fixtures/invalid'], { cwd: REPO });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ok: 1 workflows, 2 tools, 1 policies, 0 gold cases in /);
  });

  it('each broken file fails with exactly its expected file:line:column diagnostics, as text and as JSON', async () => {
    const results = await mapLimit(cases, 2, async (file) => {
      const rel = `fixtures/invalid/cases/${file}`;
      const [text, json] = await Promise.all([tollgate(['validate', rel], { cwd: REPO }), tollgate(['validate', rel, '--json'], { cwd: REPO })]);
      return { file, rel, text, json };
    });
    for (const { file, rel, text, json } of results) {
      const expected = readFileSync(path.join(CASES_DIR, file.replace(/\.yaml$/, '.expected')), 'utf8').trim().split('\n');
      const lines = text.stderr.trim().split('\n');
      expect({ file, code: text.code, diagnostics: lines.slice(0, -2), summary: lines.at(-1) }).toEqual({
        file, code: 1, diagnostics: expected, summary: `${expected.length} error${expected.length === 1 ? '' : 's'}`,
      });
      expect(text.stderr, file).not.toMatch(/^\s+at /m);
      const parsed = JSON.parse(json.stdout) as { ok: boolean; diagnostics: { file: string; line: number; column: number; code: string; message: string }[] };
      expect(json.code).toBe(1);
      expect(parsed.ok).toBe(false);
      expect(parsed.diagnostics.map((d) => `${d.file}:${d.line}:${d.column}: error ${d.code}: ${d.message}`)).toEqual(expected);
      expect(parsed.diagnostics.every((d) => d.file === rel)).toBe(true);
    }
    // 120 CLI processes through tsx: minutes on a loaded 2-core machine (the compiled CLI of issue 16 will cut it).
  }, 300_000);
});
