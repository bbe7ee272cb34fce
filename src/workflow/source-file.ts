import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { DiagnosticCode, type Diagnostic } from './diagnostic.ts';

/** Beyond this a definition file is almost certainly a mistake (or an attack on the loader). */
export const MAX_FILE_BYTES = 1024 * 1024;

export type PathSegment = string | number;

export interface ParsedYaml {
  readonly doc: Document.Parsed;
  readonly lines: LineCounter;
}

/**
 * A parsed YAML file that can say where any value in it came from. Its syntax tree is parsed from
 * the text when first wanted and held weakly: a project of thousands of gold cases kept every tree,
 * ten kilobytes a case, for diagnostics almost none of them ever needs.
 */
export class SourceFile {
  #parsed: WeakRef<ParsedYaml> | undefined;

  constructor(
    readonly file: string,
    /** The file's text, exactly as read (digests and snapshots cover these bytes). */
    readonly text: string,
  ) {}

  get #tree(): ParsedYaml {
    let parsed = this.#parsed?.deref();
    if (!parsed) {
      const lines = new LineCounter();
      parsed = { doc: parseDocument(this.text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true }), lines };
      this.#parsed = new WeakRef(parsed);
    }
    return parsed;
  }

  /** The plain JS value of the document. */
  toJS(): unknown {
    return this.#tree.doc.toJS({ maxAliasCount: 100 });
  }

  /** Diagnostic at the value found at `path`, or at the nearest ancestor that exists. */
  at(path: readonly PathSegment[], code: string, message: string): Diagnostic {
    return this.#diagnostic(this.#offsetOf(path), code, message);
  }

  /** Diagnostic at the key `key` of the map at `path` (for unknown keys). */
  atKey(path: readonly PathSegment[], key: string, code: string, message: string): Diagnostic {
    const node = this.#nodeAt(path);
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
      const range = pair && isScalar(pair.key) ? pair.key.range : undefined;
      if (range) return this.#diagnostic(range[0], code, message);
    }
    return this.at(path, code, message);
  }

  /** Diagnostic inside a string scalar, `offset` characters into its value (for CEL errors). */
  within(path: readonly PathSegment[], offset: number, code: string, message: string): Diagnostic {
    const node = this.#nodeAt(path);
    if (isScalar(node) && node.range) {
      const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
      const plainOneLine = node.type === 'PLAIN' || quoted;
      if (plainOneLine) return this.#diagnostic(node.range[0] + (quoted ? 1 : 0) + offset, code, message);
    }
    return this.at(path, code, message);
  }

  #nodeAt(path: readonly PathSegment[]): Node | undefined {
    let node: unknown = this.#tree.doc.contents;
    for (const segment of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment));
        node = pair?.value ?? undefined;
      } else if (isSeq(node) && typeof segment === 'number') {
        node = node.items[segment];
      } else {
        return undefined;
      }
      if (node === undefined || node === null) return undefined;
    }
    return node as Node;
  }

  #offsetOf(path: readonly PathSegment[]): number {
    for (let depth = path.length; depth >= 0; depth--) {
      const node = this.#nodeAt(path.slice(0, depth));
      if (node?.range) return node.range[0];
    }
    return 0;
  }

  #diagnostic(offset: number, code: string, message: string): Diagnostic {
    const { line, col } = this.#tree.lines.linePos(offset);
    return { file: this.file, line, column: col, code, message };
  }
}

export type ParseResult = { ok: true; source: SourceFile; value: unknown } | { ok: false; diagnostics: Diagnostic[] };

/**
 * The values of documents parsed before, by their text (kept by the project between commands):
 * a document found here is not parsed again. Only documents that parsed without a problem go in.
 */
export interface ParsedValues {
  get(text: string): unknown;
  set(text: string, value: unknown): void;
}

/** Parses bytes into a SourceFile, refusing empty, oversized, binary and malformed input. */
export function parseSource(file: string, bytes: Uint8Array, known?: ParsedValues): ParseResult {
  const fail = (code: string, message: string, line = 1, column = 1): ParseResult => ({
    ok: false,
    diagnostics: [{ file, line, column, code, message }],
  });
  if (bytes.byteLength > MAX_FILE_BYTES) {
    return fail(DiagnosticCode.FileTooLarge, `file is ${bytes.byteLength} bytes; expected a definition of at most ${MAX_FILE_BYTES} bytes`);
  }
  if (bytes.includes(0)) return fail(DiagnosticCode.FileBinary, 'file is binary (it contains NUL bytes); expected UTF-8 YAML text');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return fail(DiagnosticCode.FileBinary, 'file is not valid UTF-8; expected UTF-8 YAML text');
  }
  if (text.replace(/#.*$/gm, '').trim() === '') return fail(DiagnosticCode.FileEmpty, 'file is empty; expected a YAML mapping');
  const value = known?.get(text);
  if (value !== undefined) return { ok: true, source: new SourceFile(file, text), value };

  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      diagnostics: doc.errors.map((e) => {
        const { line, col } = lines.linePos(e.pos[0]);
        return { file, line, column: col, code: DiagnosticCode.YamlSyntax, message: `YAML syntax: ${firstLine(e.message)}` };
      }),
    };
  }
  if (!isMap(doc.contents)) {
    const offset = doc.contents?.range?.[0] ?? 0;
    const { line, col } = lines.linePos(offset);
    return fail(DiagnosticCode.Schema, 'expected a YAML mapping (key: value pairs) at the top of the file', line, col);
  }
  // The tree is not handed on: V8 keeps a WeakRef's target alive until the job that made it ends,
  // and a project is read in one job, so 20,000 gold cases held every tree at once (200 MB). The few
  // files that need positions (a diagnostic, a line for an annotation) parse their text again.
  const parsed = { ok: true as const, source: new SourceFile(file, text), value: doc.toJS({ maxAliasCount: 100 }) };
  known?.set(text, parsed.value);
  return parsed;
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}
