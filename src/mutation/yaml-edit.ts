import { structuredPatch } from 'diff';
import { isDeepStrictEqual } from 'node:util';
import { parseDocument, type Document } from 'yaml';
import { BoundedCache } from '../shared/index.ts';
import type { FileEdit } from './types.ts';

const FORMAT = { lineWidth: 0, flowCollectionPadding: true } as const;

// Every mutant of a file starts from the same text: parse and print it once, clone it per mutant.
const originals = new BoundedCache<{ readonly doc: Document; readonly printed: string }>(64);

/**
 * Applies a change to a YAML file through its document. The printer normalises layout (spacing
 * inside brackets), so only the lines the change touched are taken from it; every other line
 * keeps its original bytes and the mutant's diff shows the mutation alone.
 */
export function editYaml(file: string, text: string, change: (doc: Document) => void): FileEdit {
  const original = originals.get(text, () => {
    const parsed = parseDocument(text);
    return { doc: parsed, printed: parsed.toString(FORMAT) };
  });
  const doc = original.doc.clone();
  const printed = original.printed;
  change(doc);
  const changed = doc.toString(FORMAT);
  const lines = text.split('\n');
  if (printed.split('\n').length === lines.length) {
    const merged = mergeLines(file, lines, printed, changed);
    // Only kept when it means exactly what the edited document means; else the printed text is.
    const reparsed = parseDocument(merged);
    if (reparsed.errors.length === 0 && isDeepStrictEqual(reparsed.toJS(), doc.toJS())) return { file, before: text, after: merged };
  }
  return { file, before: text, after: changed };
}

/** The original lines, with the hunks between the printed and the changed document applied. */
function mergeLines(file: string, original: readonly string[], printed: string, changed: string): string {
  const out: string[] = [];
  let at = 0; // index into the original lines
  for (const hunk of structuredPatch(file, file, printed, changed, '', '', { context: 0 }).hunks) {
    const start = hunk.oldStart - 1; // jsdiff numbers an insertion by the line it goes before
    out.push(...original.slice(at, start));
    at = start;
    for (const line of hunk.lines) {
      if (line.startsWith('-')) at++;
      else if (line.startsWith('+')) out.push(line.slice(1));
    }
  }
  out.push(...original.slice(at));
  return out.join('\n');
}

/** `tools.deny[0]`, for mutant IDs. */
export function pathLabel(path: readonly (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${p}`)).join('');
}
