/** Presidio's entity names for what tollgate detects. */
export type Entity = 'EMAIL_ADDRESS' | 'PHONE_NUMBER' | 'CREDIT_CARD' | 'US_SSN' | 'IBAN_CODE' | 'API_KEY' | 'PERSON';

/** One detected value, Presidio's result shape. */
export interface Finding {
  readonly entity: Entity;
  readonly start: number;
  readonly end: number;
  readonly score: number;
  readonly text: string;
}

/**
 * Regex candidates, an optional validator (checksum), a base score and context words that raise it.
 * A pattern with a `value` group reports only that group and must carry the `d` flag.
 */
export interface Recognizer {
  readonly entity: Entity;
  readonly pattern: RegExp;
  readonly score: number;
  /** Checks the value (checksums); gets the whole match too, for patterns whose other groups decide. */
  readonly validate?: (value: string, match: RegExpExecArray) => boolean;
  /** How much of the match to keep (0 drops it): lets a pattern match generously and code trim it (word lists). */
  readonly refine?: (match: string) => number;
  /** Lower-case words (or word beginnings: `tel` counts in `telephone`, not in `hotel`). */
  readonly context?: readonly string[];
  /** Only report matches with a context word nearby. */
  readonly requireContext?: boolean;
}

/** The text a recogniser reads: the normalised text, its lower-case form, and context from outside it. */
export interface Scan {
  readonly text: string;
  readonly lower: string;
  /** Lower-case words that stand before the whole text, such as the JSON key it is the value of. */
  readonly context: string;
}

const CONTEXT_WINDOW = 40;
// Compiled once per recogniser, not per call: detect() runs on every event and reply.
const contextPatterns = new WeakMap<Recognizer, RegExp | null>();

export function run(recognizer: Recognizer, scan: Scan): Finding[] {
  const out: Finding[] = [];
  const context = contextPatternOf(recognizer);
  const pattern = recognizer.pattern;
  pattern.lastIndex = 0;
  for (let m = pattern.exec(scan.text); m; m = pattern.exec(scan.text)) {
    const finding = judge(recognizer, context, scan, m);
    if (finding) out.push(finding);
    // A refused candidate may hide an overlapping one ("Prof. Dr. Alan Turing" refuses "Dr", then finds
    // "Alan Turing"), so the search resumes one character on, not after it.
    else pattern.lastIndex = m.index + 1;
  }
  return out;
}

function judge(recognizer: Recognizer, context: RegExp | null, scan: Scan, m: RegExpExecArray): Finding | undefined {
  const [start, matchEnd] = m.indices?.groups?.value ?? [m.index, m.index + m[0].length];
  const end = recognizer.refine ? start + recognizer.refine(scan.text.slice(start, matchEnd)) : matchEnd;
  if (end === start) return undefined;
  const value = scan.text.slice(start, end);
  if (recognizer.validate && !recognizer.validate(value, m)) return undefined;
  const hasContext = context !== null && (context.test(scan.lower.slice(Math.max(0, m.index - CONTEXT_WINDOW), start)) || context.test(scan.context));
  if (recognizer.requireContext && !hasContext) return undefined;
  return { entity: recognizer.entity, start, end, score: Math.round(Math.min(1, recognizer.score + (hasContext ? 0.3 : 0)) * 100) / 100, text: value };
}

function contextPatternOf(recognizer: Recognizer): RegExp | null {
  let pattern = contextPatterns.get(recognizer);
  if (pattern === undefined) {
    const words = recognizer.context ?? [];
    pattern = words.length === 0 ? null : new RegExp(`(?<![\\p{L}\\p{N}])(?:${words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`, 'u');
    contextPatterns.set(recognizer, pattern);
  }
  return pattern;
}
