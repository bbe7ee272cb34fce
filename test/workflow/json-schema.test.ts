import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { kindOfFile, schemaFileName } from '../../src/workflow/index.ts';
import { REPO, tollgate } from '../support/cli.ts';

let out: string;
let ajv: Ajv2020;

beforeAll(async () => {
  out = mkdtempSync(path.join(tmpdir(), 'tollgate-schemas-'));
  const r = await tollgate(['schema', '--out', out], { cwd: REPO });
  expect(r.code).toBe(0);
  ajv = new Ajv2020({ strict: false, allErrors: true });
  for (const f of readdirSync(out)) ajv.addSchema(JSON.parse(readFileSync(path.join(out, f), 'utf8')), f);
});

function yamlFiles(dir: string): string[] {
  return readdirSync(path.join(REPO, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.yaml'))
    .map((e) => path.relative(REPO, path.join(e.parentPath, e.name)));
}

describe('generated JSON Schemas', () => {
  it('the committed schemas/ are exactly what `tollgate schema` generates', () => {
    for (const f of readdirSync(out)) expect(readFileSync(path.join(REPO, 'schemas', f), 'utf8'), f).toBe(readFileSync(path.join(out, f), 'utf8'));
  });

  it('validate every YAML definition of the example project', () => {
    const files = ['tollgate.yaml', ...yamlFiles('workflows'), ...yamlFiles('evals')];
    expect(files.length).toBeGreaterThan(45);
    for (const file of files) {
      const text = readFileSync(path.join(REPO, file), 'utf8');
      const kind = kindOfFile(file, text)!;
      expect(text.split('\n')[0], `${file} names its schema for editors`).toMatch(/^# yaml-language-server: \$schema=.*\.schema\.json$/);
      const validate = ajv.getSchema(schemaFileName(kind))!;
      expect({ file, valid: validate(parse(text)), errors: validate.errors ?? null }).toEqual({ file, valid: true, errors: null });
    }
  });

  it('reject broken definitions from the corpus too', () => {
    for (const [file, kind] of [['02-wrong-type.yaml', 'workflow'], ['04-unknown-field.yaml', 'workflow'], ['07-bad-enum.yaml', 'tool'], ['08-bad-duration.yaml', 'workflow']] as const) {
      const value = parse(readFileSync(path.join(REPO, 'fixtures', 'invalid', 'cases', file), 'utf8'));
      expect(ajv.getSchema(schemaFileName(kind))!(value), file).toBe(false);
    }
  });
});
