import { structuredPatch } from 'diff';
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
  if (printed.split('\n').length !== original.length) return { file, before: text, after: changed };
  const out: string[] = [];
  let at = 0; // index into the original lines
  for (const hunk of structuredPatch(file, file, printed, changed, '', '', { context: 0 }).hunks) {
    const start = hunk.oldLines === 0 ? hunk.oldStart : hunk.oldStart - 1;
    out.push(...original.slice(at, start));
    at = start;
    for (const line of hunk.lines) {
      if (line.startsWith('-')) at++;
      else if (line.startsWith('+')) out.push(line.slice(1));
    }
  }
  out.push(...original.slice(at));
  return { file, before: text, after: out.join('\n') };
}

/** `tools.deny[0]`, for mutant IDs. */
export function pathLabel(path: readonly (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${p}`)).join('');
}
