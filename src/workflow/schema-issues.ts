import type { z } from 'zod';
import { DiagnosticCode, type Diagnostic } from './diagnostic.ts';
import type { PathSegment, SourceFile } from './source-file.ts';

type Issue = z.core.$ZodIssue;

/** Turns zod issues into located diagnostics with messages that say what was expected. */
export function schemaDiagnostics(source: SourceFile, value: unknown, issues: readonly Issue[]): Diagnostic[] {
  return issues.flatMap((issue) => describe(source, value, issue, issue.path as PathSegment[]));
}

function describe(source: SourceFile, value: unknown, issue: Issue, path: PathSegment[]): Diagnostic[] {
  const where = formatPath(path);
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) =>
        source.atKey(path, key, DiagnosticCode.Schema, `${prefix(where)}unknown field "${key}"`),
      );
    case 'invalid_type': {
      const actual = valueAt(value, path);
      if (actual === undefined) {
        const parent = formatPath(path.slice(0, -1));
        return [source.at(path, DiagnosticCode.Schema, `${prefix(parent)}missing field "${String(path.at(-1))}": expected ${article(issue.expected)}`)];
      }
      return [source.at(path, DiagnosticCode.Schema, `${prefix(where)}expected ${article(issue.expected)}, got ${typeName(actual)}`)];
    }
    case 'invalid_value': {
      const actual = valueAt(value, path);
      const allowed = issue.values.map((v) => JSON.stringify(v));
      const expected = allowed.length === 1 ? allowed[0] : `one of ${allowed.join(', ')}`;
      if (actual === undefined) return [source.at(path, DiagnosticCode.Schema, `${prefix(formatPath(path.slice(0, -1)))}missing field "${String(path.at(-1))}": expected ${expected}`)];
      return [source.at(path, DiagnosticCode.Schema, `${prefix(where)}expected ${expected}; got ${JSON.stringify(actual)}`)];
    }
    case 'invalid_union':
      return describeUnion(source, value, issue, path);
    default:
      return [source.at(path, DiagnosticCode.Schema, `${prefix(where)}${issue.message}`)];
  }
}

/** For a union (step kinds, triggers, model refs) report the branch the author most likely meant. */
function describeUnion(source: SourceFile, value: unknown, issue: Extract<Issue, { code: 'invalid_union' }>, path: PathSegment[]): Diagnostic[] {
  const branches = issue.errors;
  if (branches.length === 0) return [source.at(path, DiagnosticCode.Schema, `${prefix(formatPath(path))}${issue.message}`)];
  const actual = valueAt(value, path);
  if (actual === undefined && path.length > 0) {
    const parent = formatPath(path.slice(0, -1));
    return [source.at(path, DiagnosticCode.Schema, `${prefix(parent)}missing field "${String(path.at(-1))}": expected a mapping`)];
  }
  const missingKeys = branches.map((b) => b.filter((i) => i.code === 'invalid_type' && i.path.length === 1 && valueAt(actual, i.path as PathSegment[]) === undefined).map((i) => String(i.path[0])));
  const everyBranchMissesAKey = missingKeys.every((keys) => keys.length > 0);
  if (actual === null || typeof actual !== 'object' || Array.isArray(actual) || everyBranchMissesAKey) {
    const forms = [...new Set(missingKeys.map((keys) => keys.join(' + ')).filter(Boolean))];
    const expected = forms.length > 0 ? `a mapping with one of: ${forms.join(', ')}` : 'a mapping';
    return [source.at(path, DiagnosticCode.Schema, `${prefix(formatPath(path))}expected ${expected}`)];
  }
  const best = branches.reduce((a, b) => (b.length < a.length ? b : a));
  return best.flatMap((inner) => describe(source, value, inner, [...path, ...(inner.path as PathSegment[])]));
}

/** zod's type names, as a person would say them. */
function article(expected: string): string {
  return ({ array: 'a list', object: 'a mapping', record: 'a mapping', number: 'a number', int: 'an integer', string: 'a string', boolean: 'true or false' } as Record<string, string>)[expected] ?? expected;
}

function prefix(where: string): string {
  return where ? `${where}: ` : '';
}

/** `steps[2].next[0].to` */
export function formatPath(path: readonly PathSegment[]): string {
  return path.reduce<string>((out, seg) => (typeof seg === 'number' ? `${out}[${seg}]` : out ? `${out}.${seg}` : seg), '');
}

function valueAt(root: unknown, path: readonly PathSegment[]): unknown {
  let node = root;
  for (const seg of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[seg as string];
  }
  return node;
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return `${typeof v} ${JSON.stringify(v)}`;
}
