import { structuredPatch } from 'diff';
import { isDeepStrictEqual } from 'node:util';
import { parseDocument, type Document } from 'yaml';
import type { FileEdit } from './types.ts';

const FORMAT = { lineWidth: 0, flowCollectionPadding: true } as const;

/**
 * Applies a change to a YAML file through its document. The printer normalises layout (spacing
 * inside brackets), so only the lines the change touched are taken from it; every other line
 * keeps its original bytes and the mutant's diff shows the mutation alone.
 */
export function editYaml(file: string, text: string, change: (doc: Document) => void): FileEdit {
  const doc = parseDocument(text);
  const printed = doc.toString(FORMAT);
  change(doc);
  const changed = doc.toString(FORMAT);
  const original = text.split('\n');
  if (printed.split('\n').length === original.length) {
    const merged = mergeLines(file, original, printed, changed);
    // Only kept when it means exactly what the edited document means; else the printed text is.
    if (isDeepStrictEqual(parseDocument(merged).toJS(), doc.toJS()) && parseDocument(merged).errors.length === 0) return { file, before: text, after: merged };
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
