import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readProject } from '../../src/project/index.ts';
import { makeMiniProject } from '../support/mini-project.ts';

const cacheFile = (root: string) => path.join(root, '.tollgate', 'cache', 'yaml.json');
const readCache = (root: string) => JSON.parse(readFileSync(cacheFile(root), 'utf8')) as { parser: string; values: Record<string, string> };
const refundTool = (root: string) => readProject(root).definitions.tools.find((t) => t.value.name === 'refunds.create')!;

describe('the parsed-YAML cache', () => {
  it('answers a file whose text it has seen from the cache, and parses a changed file again', () => {
    const root = makeMiniProject();
    const first = refundTool(root);
    const cache = readCache(root);
    const key = Object.keys(cache.values).find((k) => JSON.parse(cache.values[k]!).name === 'refunds.create')!;
    // Doctored entry: if the next read returns it, the cache answered instead of the parser.
    writeFileSync(cacheFile(root), JSON.stringify({ ...cache, values: { ...cache.values, [key]: JSON.stringify({ ...JSON.parse(cache.values[key]!), description: 'from the cache' }) } }));
    expect(refundTool(root).value.description).toBe('from the cache');

    const file = path.join(root, first.source.file);
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^description: .*$/m, 'description: edited'));
    expect(refundTool(root).value.description).toBe('edited');
    // The stale entry went with the save: only what this read used is kept.
    expect(Object.keys(readCache(root).values)).not.toContain(key);
  });

  it('still points a schema error at its line when the value came from the cache', () => {
    const root = makeMiniProject();
    const file = 'workflows/tools/orders.get.yaml';
    writeFileSync(path.join(root, file), `${readFileSync(path.join(root, file), 'utf8')}surprise: 1\n`);
    const cold = readProject(root).diagnostics.filter((d) => d.file === file);
    const warm = readProject(root).diagnostics.filter((d) => d.file === file);
    expect(cold.length).toBeGreaterThan(0);
    expect(warm).toEqual(cold);
  });

  it("ignores another parser's cache, keeps out what JSON cannot hold, and reads on when it cannot write", () => {
    const root = makeMiniProject();
    mkdirSync(path.dirname(cacheFile(root)), { recursive: true });
    writeFileSync(cacheFile(root), JSON.stringify({ parser: 'yaml 0.0.1', values: {} }));
    readProject(root);
    expect(readCache(root).parser).not.toBe('yaml 0.0.1');

    const tool = 'workflows/tools/orders.get.yaml';
    writeFileSync(path.join(root, tool), readFileSync(path.join(root, tool), 'utf8').replace(/^description: .*$/m, 'description: x\nx-limit: .inf'));
    readProject(root);
    expect(Object.values(readCache(root).values).some((json) => json.includes('"x-limit"'))).toBe(false);

    rmSync(path.join(root, '.tollgate', 'cache'), { recursive: true });
    writeFileSync(path.join(root, '.tollgate', 'cache'), 'a file where the folder would be');
    expect(readProject(root).definitions.tools.length).toBeGreaterThan(0);
  });
});
