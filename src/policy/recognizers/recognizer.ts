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

/** Regex candidates, an optional validator (checksum), a base score and context words that raise it. */
export interface Recognizer {
  readonly entity: Entity;
  readonly pattern: RegExp;
  readonly score: number;
  readonly validate?: (match: string) => boolean;
  readonly context?: readonly string[];
  /** Only report matches with a context word nearby. */
  readonly requireContext?: boolean;
}

const CONTEXT_WINDOW = 40;

export function run(recognizer: Recognizer, text: string): Finding[] {
  const out: Finding[] = [];
  const lower = text.toLowerCase();
  for (const m of text.matchAll(recognizer.pattern)) {
    const value = m.groups?.value ?? m[0];
    const start = m.index + m[0].indexOf(value);
    if (recognizer.validate && !recognizer.validate(value)) continue;
    const before = lower.slice(Math.max(0, start - CONTEXT_WINDOW), start);
    const hasContext = recognizer.context?.some((w) => before.includes(w)) ?? false;
    if (recognizer.requireContext && !hasContext) continue;
    out.push({ entity: recognizer.entity, start, end: start + value.length, score: Math.round(Math.min(1, recognizer.score + (hasContext ? 0.3 : 0)) * 100) / 100, text: value });
  }
  return out;
}
