import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../support/cli.ts';

const SRC = path.join(REPO, 'src');

/** The "may import" column of docs/architecture.md: folder → the folders its files may import. */
function rules(): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const line of readFileSync(path.join(REPO, 'docs', 'architecture.md'), 'utf8').split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    if (cells.length < 6 || !cells[1]!.startsWith('`src/')) continue;
    const folders = [...cells[1]!.matchAll(/`src\/([a-z-]+)\/`/g)].map((m) => m[1]!);
    // Only the backticked names before any parenthesis are folders (`chrono-node` is a package).
    const allowed = new Set([...cells[4]!.replace(/\([^)]*\)/g, '').matchAll(/`([a-z-]+)`/g)].map((m) => m[1]!));
    for (const f of folders) out.set(f, allowed);
  }
  return out;
}

/** Every source file's relative imports (static, dynamic, re-exports), resolved to files. */
function imports(): Map<string, string[]> {
  const files = readdirSync(SRC, { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && /\.tsx?$/.test(e.name)).map((e) => path.join(e.parentPath, e.name));
  return new Map(files.map((file) => {
    const text = readFileSync(file, 'utf8');
    const targets = [...text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|^import\s+)'(\.{1,2}\/[^']+)'/gm)].map((m) => path.resolve(path.dirname(file), m[1]!));
    return [file, targets];
  }));
}

const folderOf = (file: string) => path.relative(SRC, file).split(path.sep)[0]!;

/** Imports across folders that the rules do not allow. */
function violations(graph: ReadonlyMap<string, string[]>, allowed: ReadonlyMap<string, Set<string>>): string[] {
  const broken: string[] = [];
  for (const [file, targets] of graph) {
    const from = folderOf(file);
    for (const target of targets) {
      const to = folderOf(target);
      if (to !== from && !allowed.get(from)?.has(to)) broken.push(`${path.relative(REPO, file)} imports ${path.relative(REPO, target)} (${from} may not import ${to})`);
    }
  }
  return broken;
}

/** Import cycles between files, each as a path. */
function cycles(graph: ReadonlyMap<string, string[]>): string[] {
  const state = new Map<string, 'open' | 'done'>();
  const found: string[] = [];
  const visit = (file: string, trail: string[]) => {
    if (state.get(file) === 'done') return;
    if (state.get(file) === 'open') return void found.push([...trail.slice(trail.indexOf(file)), file].map((f) => path.relative(SRC, f)).join(' → '));
    state.set(file, 'open');
    for (const next of graph.get(file) ?? []) if (graph.has(next)) visit(next, [...trail, file]);
    state.set(file, 'done');
  };
  for (const file of graph.keys()) visit(file, []);
  return found;
}

describe('the architecture (docs/architecture.md) holds in the import graph', () => {
  const graph = imports();
  const allowed = rules();

  it('every folder of src/ has a row', () => {
    const folders = new Set([...graph.keys()].map(folderOf).filter((f) => !f.endsWith('.ts')));
    expect([...folders].filter((f) => !allowed.has(f))).toEqual([]);
    expect(allowed.size).toBeGreaterThan(20);
  });

  it('no file imports a folder its row does not list', () => {
    expect(violations(graph, allowed)).toEqual([]);
  });

  it('decisions and the core never reach an adapter or a host: engine, policy, replay and workflow import no store', () => {
    for (const folder of ['core', 'shared', 'engine', 'policy', 'replay', 'workflow', 'grounding', 'stats']) {
      for (const adapter of ['store', 'audit', 'host', 'workbench', 'runtime', 'cli', 'tui']) expect(allowed.get(folder)!.has(adapter), `${folder} → ${adapter}`).toBe(false);
    }
  });

  it('production carries no mock plumbing: the runtime and the run host reach neither the workbench nor the mocks', () => {
    for (const folder of ['runtime', 'host']) {
      for (const mocked of ['workbench', 'mocks']) expect(allowed.get(folder)!.has(mocked), `${folder} → ${mocked}`).toBe(false);
    }
    const runtimeFiles = [...graph.keys()].filter((f) => folderOf(f) === 'runtime');
    expect(runtimeFiles.length).toBeGreaterThan(3);
    expect(runtimeFiles.flatMap((f) => graph.get(f)!.filter((to) => ['workbench', 'mocks'].includes(folderOf(to))))).toEqual([]);
  });

  it('has no import cycle between files', () => {
    expect(cycles(graph)).toEqual([]);
  });

  it('reports what it must: an engine file importing the store, and a cycle', () => {
    const at = (rel: string) => path.join(SRC, rel);
    expect(violations(new Map([[at('engine/x.ts'), [at('store/index.ts'), at('policy/index.ts')]]]), allowed)).toEqual(['src/engine/x.ts imports src/store/index.ts (engine may not import store)']);
    expect(cycles(new Map([[at('a/x.ts'), [at('a/y.ts')]], [at('a/y.ts'), [at('a/x.ts')]]]))).toEqual(['a/x.ts → a/y.ts → a/x.ts']);
  });
});
