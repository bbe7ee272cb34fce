import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { ParseCache } from './parse-cache.ts';
import { MAX_FILE_BYTES, compareDiagnostics, loadDefinitions, validateDefinitions, type DefinitionKind, type Definitions, type Diagnostic, type RawFile } from '../workflow/index.ts';

/** Folders whose YAML files are definitions. */
const DEFINITION_DIRS = ['workflows', 'evals', 'fixtures/models'];
/** Folders listed (not parsed) so that references such as `model_script` can be checked. */
const REFERENCE_DIRS = ['fixtures'];

export interface ProjectLoad {
  readonly root: string;
  readonly definitions: Definitions;
  readonly diagnostics: Diagnostic[];
}

export interface ReadOptions {
  /** Paths outside the layout, or single files to check: loaded alongside, so their references resolve against the whole project. */
  readonly extraFiles?: readonly string[];
  /** Kinds a command does not use, left unparsed (the labelled grounding set is most of a project's YAML). */
  readonly skip?: readonly DefinitionKind[];
  /** Keep parsed YAML between commands in `.tollgate/cache` (default true; see ParseCache). */
  readonly cache?: boolean;
}

/**
 * What running workflows and gold cases needs: everything but the sets that measure the grounding
 * check. Model scripts are read, so a broken one stops a run or a gate before anything runs.
 */
export const FOR_RUNS: ReadOptions = { skip: ['grounding-set'] };

/** Reads, parses and validates a project. */
export function readProject(root: string, options: ReadOptions = {}): ProjectLoad {
  const extraFiles = options.extraFiles ?? [];
  const files: RawFile[] = [];
  const rel = (abs: string) => path.relative(root, abs).split(path.sep).join('/');
  const projectFile = path.join(root, 'tollgate.yaml');
  const candidates = [projectFile, ...DEFINITION_DIRS.flatMap((d) => listFiles(path.join(root, d)).filter(isYaml))];
  const extras = extraFiles.map((f) => path.resolve(f));
  const seen = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  for (const abs of [...candidates, ...extras]) {
    if (seen.has(abs)) continue;
    seen.add(abs);
    const read = readBytes(abs, rel(abs));
    if ('diagnostic' in read) diagnostics.push(read.diagnostic);
    else files.push({ path: rel(abs), bytes: read.bytes });
  }
  const others = new Set(REFERENCE_DIRS.flatMap((d) => listFiles(path.join(root, d))).map(rel));
  const cache = options.cache === false ? undefined : ParseCache.open(root);
  const loaded = loadDefinitions(files, others, options.skip, cache);
  cache?.save();
  diagnostics.push(...loaded.diagnostics, ...validateDefinitions(loaded.definitions));
  return { root, definitions: loaded.definitions, diagnostics: diagnostics.sort(compareDiagnostics) };
}

function readBytes(abs: string, file: string): { bytes: Uint8Array } | { diagnostic: Diagnostic } {
  const fail = (code: string, message: string) => ({ diagnostic: { file, line: 1, column: 1, code, message } });
  try {
    const stat = statSync(abs);
    if (!stat.isFile()) return fail('TG_FILE_UNREADABLE', 'not a regular file: expected a YAML file');
    // Oversized files are refused before reading them whole.
    if (stat.size > MAX_FILE_BYTES) return fail('TG_FILE_TOO_LARGE', `file is ${stat.size} bytes; expected a definition of at most ${MAX_FILE_BYTES} bytes`);
    return { bytes: readFileSync(abs) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return fail('TG_FILE_UNREADABLE', code === 'ENOENT' ? 'file does not exist' : `cannot read file (${code ?? 'unknown error'})`);
  }
}

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

const isYaml = (p: string) => /\.ya?ml$/.test(p) && !p.split(path.sep).includes('node_modules');
