/**
 * The copy of a text the recognisers read, and where each of its characters came from in the raw text.
 * Matching happens on the copy (so `4111\u200B1111…` and full-width `４１１１…` are seen as digits, and
 * the `\n` of JSON text a model wrote into a string as a line break), but the raw span is what gets
 * replaced, so no invisible, full-width or escaped remnant of a value is left behind.
 */
export interface Normalised {
  readonly text: string;
  /**
   * Where the copy differs, as triples (normalised start, raw start, raw end): raw end -1 opens a run
   * copied unchanged; otherwise the characters from normalised start until the next triple all stand
   * for raw[start, end). Absent when the copy is the raw text.
   */
  readonly map?: readonly number[];
}

/** Characters that render as nothing and are used to break up values: zero-width, soft hyphen, bidi controls. */
const INVISIBLES = '\\u00AD\\u034F\\u061C\\u180E\\u200B-\\u200F\\u202A-\\u202E\\u2060-\\u2064\\u2066-\\u2069\\uFEFF';
const INVISIBLE_ALL = new RegExp(`[${INVISIBLES}]`, 'gu');
/** Dashes NFKC leaves alone but people (and obfuscators) use as hyphens. */
const DASH = /[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/gu;
const MARK = /^\p{M}/u;
const NEEDS_WORK = /[^\x00-\x7F]|\\/;
/** A non-ASCII character, or a string escape however often escaped (`\n`, `\\\"`, `\u00e9`). */
const SPECIAL = /(?<!\\)\\+(?:u[0-9A-Fa-f]{4}|[nrt"'/])|[^\x00-\x7F]/gu;
const ESCAPED: Record<string, string> = { n: '\n', r: '\r', t: '\t' };

/** NFKC per character cluster, invisibles dropped, dashes folded to `-`, escapes decoded; the raw text itself when that changes nothing. */
export function normalise(raw: string): Normalised {
  // Why the fast paths: nearly every event and reply is plain ASCII or unchanged, and this runs on all of them.
  if (!NEEDS_WORK.test(raw)) return { text: raw };
  const parts: string[] = [];
  const map: number[] = [0, 0, -1];
  let norm = 0;
  let copied = 0;
  SPECIAL.lastIndex = 0;
  for (let m = SPECIAL.exec(raw); m; m = SPECIAL.exec(raw)) {
    let start = m.index;
    let end = m.index + m[0].length;
    let source = m[0];
    if (m[0].startsWith('\\')) source = unescape(m[0]);
    else {
      // A base character and its combining marks normalise together (e + U+0301 → é).
      if (MARK.test(m[0]) && start > copied) start -= isLowSurrogate(raw.charCodeAt(start - 1)) && start - 2 >= copied ? 2 : 1;
      while (end < raw.length && raw.charCodeAt(end) >= 0x300 && MARK.test(raw.slice(end, end + 2))) end += raw.codePointAt(end)! > 0xffff ? 2 : 1;
      source = raw.slice(start, end);
    }
    SPECIAL.lastIndex = end;
    const folded = source.normalize('NFKC').replace(DASH, '-').replace(INVISIBLE_ALL, '');
    if (folded === raw.slice(start, end)) continue;
    parts.push(raw.slice(copied, start), folded);
    norm += start - copied;
    if (folded.length > 0) map.push(norm, start, end);
    norm += folded.length;
    map.push(norm, end, -1);
    copied = end;
  }
  if (copied === 0) return { text: raw };
  parts.push(raw.slice(copied));
  return { text: parts.join(''), map };
}

/** The character a (possibly repeatedly) escaped sequence stands for. */
function unescape(sequence: string): string {
  const code = sequence.replace(/^\\+/, '');
  if (code.startsWith('u')) return String.fromCharCode(parseInt(code.slice(1), 16));
  return ESCAPED[code] ?? code;
}

/** The raw span behind the normalised span [start, end). */
export function rawSpan(n: Normalised, start: number, end: number): { start: number; end: number } {
  if (!n.map) return { start, end };
  return { start: rawAt(n.map, start, false), end: rawAt(n.map, end - 1, true) };
}

/** Raw start (or end) of the raw characters behind normalised character `i`. */
function rawAt(map: readonly number[], i: number, end: boolean): number {
  let lo = 0;
  let hi = map.length / 3 - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (map[mid * 3]! <= i) lo = mid;
    else hi = mid - 1;
  }
  const [normStart, rawStart, rawEnd] = [map[lo * 3]!, map[lo * 3 + 1]!, map[lo * 3 + 2]!];
  if (rawEnd === -1) return rawStart + (i - normStart) + (end ? 1 : 0);
  return end ? rawEnd : rawStart;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
