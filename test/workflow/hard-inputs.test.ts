import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO, tollgate } from '../support/cli.ts';

function contextProject(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'tollgate-hard-'));
  for (const item of ['tollgate.yaml', 'workflows', 'fixtures']) cpSync(path.join(REPO, 'fixtures', 'invalid', item), path.join(root, item), { recursive: true });
  return root;
}

async function validateOne(name: string, bytes: Buffer | string) {
  const root = contextProject();
  writeFileSync(path.join(root, 'workflows', name), bytes);
  const r = await tollgate(['validate'], { cwd: root });
  return { ...r, lines: r.stderr.trim().split('\n') };
}

describe('hostile and malformed files get one clean diagnostic, never a stack trace', () => {
  const cases: [string, Buffer | string, string][] = [
    ['huge.yaml', `id: huge\n# ${'x'.repeat(10 * 1024 * 1024)}\n`, 'workflows/huge.yaml:1:1: error TG_FILE_TOO_LARGE: file is 10485772 bytes; expected a definition of at most 1048576 bytes'],
    ['binary.yaml', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0x02]), 'workflows/binary.yaml:1:1: error TG_FILE_BINARY: file is binary (it contains NUL bytes); expected UTF-8 YAML text'],
    ['latin1.yaml', Buffer.from('id: caf\xe9\n', 'latin1'), 'workflows/latin1.yaml:1:1: error TG_FILE_BINARY: file is not valid UTF-8; expected UTF-8 YAML text'],
    ['list.yaml', '- id: a\n- id: b\n', 'workflows/list.yaml:1:1: error TG_SCHEMA: expected a YAML mapping (key: value pairs) at the top of the file'],
    ['comments.yaml', '# only a comment\n\n# another\n', 'workflows/comments.yaml:1:1: error TG_FILE_EMPTY: file is empty; expected a YAML mapping'],
    ['tabs.yaml', 'id: tabs\nsteps:\n\t- id: a\n', 'workflows/tabs.yaml:3:1: error TG_YAML_SYNTAX: YAML syntax: Tabs are not allowed as indentation'],
    ['duplicate-key.yaml', 'id: a\nid: b\n', 'workflows/duplicate-key.yaml:2:1: error TG_YAML_SYNTAX: YAML syntax: Map keys must be unique'],
  ];
  for (const [name, bytes, expected] of cases) {
    it(name, async () => {
      const r = await validateOne(name, bytes);
      expect(r.code).toBe(1);
      expect(r.lines).toEqual([expected, '', '1 error']);
      expect(r.stderr).not.toMatch(/^\s+at /m);
    });
  }

  it('reports every error of every file, not only the first', async () => {
    const root = contextProject();
    writeFileSync(path.join(root, 'workflows', 'a.yaml'), 'id: a\nversion: x\n');
    writeFileSync(path.join(root, 'workflows', 'b.yaml'), 'id: b\nversion: 1\ntrigger: { event: e }\nsteps:\n  - id: s\n    tool: nope.nope\n  - id: t\n    agent: ghost\n  - id: done\n    end: ok\n');
    const r = await tollgate(['validate'], { cwd: root });
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual([
      'workflows/a.yaml:1:1: error TG_SCHEMA: missing field "steps": expected a list',
      'workflows/a.yaml:1:1: error TG_SCHEMA: missing field "trigger": expected a mapping',
      'workflows/a.yaml:2:10: error TG_SCHEMA: version: expected a number, got string "x"',
      'workflows/b.yaml:6:11: error TG_UNKNOWN_TOOL: unknown tool "nope.nope" (expected a tool defined in workflows/tools/)',
      'workflows/b.yaml:8:12: error TG_UNKNOWN_AGENT: unknown agent "ghost" (expected one of: (no agents defined))',
      '',
      '5 errors',
    ]);
  });
});
