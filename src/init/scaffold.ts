import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { TollgatePackage } from '../shared/index.ts';
import { BLANK_FILES } from './blank.ts';
import { adaptFile, templateTakes, TEMPLATES, type TemplateName } from './templates.ts';

/** What `init` did: files written, files already there (kept as they were). */
export interface Scaffolded {
  readonly written: string[];
  readonly kept: string[];
}

/** Where the example project's files are, relative to the package root. */
const SOURCES = ['tollgate.yaml', 'workflows', 'evals/gold', 'evals/gate.yaml', 'evals/baseline.json', 'fixtures/tools', 'fixtures/models', 'schemas', '.github/workflows/tollgate-gate.yml', 'observability'];

/**
 * Writes a template into `dir`, never over a file that is there: an existing repository keeps its
 * own files, and is told which. A package.json (ES modules) and .gitignore lines are added when missing.
 */
export function scaffold(tollgate: TollgatePackage, dir: string, template: TemplateName): Scaffolded {
  const packageRoot = tollgate.root;
  const name = path.basename(path.resolve(dir)).toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '') || 'agents';
  const files = template === 'blank' ? blankFiles(name) : departmentFiles(packageRoot, template, name);
  if (template === 'blank') for (const f of listFiles(packageRoot, 'schemas')) files[f] = readFileSync(path.join(packageRoot, f), 'utf8');
  // The mocks import msw (MSW request handlers): the range tollgate itself depends on.
  const devDependencies = { msw: tollgate.dependencies.msw, tollgate: `^${tollgate.version}` };
  files['package.json'] = `${JSON.stringify({ name, private: true, type: 'module', scripts: { gate: 'tollgate gate', validate: 'tollgate validate' }, devDependencies }, null, 2)}\n`;
  const out: Scaffolded = { written: [], kept: [] };
  for (const [file, text] of Object.entries(files).sort(([a], [b]) => a.localeCompare(b))) {
    const target = path.join(dir, file);
    if (existsSync(target)) {
      out.kept.push(file);
      continue;
    }
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, text);
    out.written.push(file);
  }
  addIgnores(path.join(dir, '.gitignore'));
  return out;
}

function departmentFiles(root: string, template: Exclude<TemplateName, 'blank'>, name: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const file of SOURCES.flatMap((s) => listFiles(root, s))) {
    if (templateTakes(template, file)) files[file] = adaptFile(template, file, readFileSync(path.join(root, file), 'utf8'), name);
  }
  if (!files[`workflows/${TEMPLATES[template].workflow}.yaml`]) throw new Error(`the ${template} template's files are missing from ${root}`);
  return files;
}

function blankFiles(name: string): Record<string, string> {
  return Object.fromEntries(Object.entries(BLANK_FILES).map(([f, text]) => [f, f === 'tollgate.yaml' ? text.replace('name: NAME', `name: ${name}`) : text]));
}

/** Files under `rel` (a file or a folder), relative to `root`, forward slashes. */
function listFiles(root: string, rel: string): string[] {
  const abs = path.join(root, rel);
  if (!existsSync(abs)) return [];
  if (!readdirSync(path.dirname(abs), { withFileTypes: true }).find((e) => e.name === path.basename(abs))?.isDirectory()) return [rel];
  return readdirSync(abs, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.relative(root, path.join(e.parentPath, e.name)).split(path.sep).join('/'));
}

const IGNORED = ['.tollgate/', '/reports/', '/traces/', 'node_modules/'];

function addIgnores(file: string): void {
  const have = existsSync(file) ? readFileSync(file, 'utf8').split('\n') : [];
  const missing = IGNORED.filter((l) => !have.includes(l));
  if (missing.length) appendFileSync(file, `${have.length && have.at(-1) !== '' ? '\n' : ''}${missing.join('\n')}\n`);
}
