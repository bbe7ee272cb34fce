import type { Recognizer } from './recognizer.ts';

// A phone number stands alone: not glued to a word, an identifier (INV-2026-0777, v1.2.3) or another
// digit group (IBANs, tracking numbers, IP addresses), on either side.
const BEFORE = String.raw`(?<![\w+./-])(?<!\d[ .-])`;
const AFTER = String.raw`(?![\w-]|[ .,:/-]\d)`;
const SEP = '[ .-]';

/** +44 20 7946 0958, +44 (0)20-7946.0958, (+1) 415 555 0134, +14155550134. */
const INTERNATIONAL = new RegExp(`(?<![\\w+./-])(?:\\(\\+\\d{1,3}\\)|\\+\\d{1,3})(?:${SEP}?\\(\\d{1,4}\\))?${SEP}?\\d{1,12}(?:${SEP}\\d{1,6}){0,6}${AFTER}`, 'g');
/** (415) 555-0134, 415.555.0134, 1-800-555-0199 (North American numbering). */
const NANP = new RegExp(`${BEFORE}(?:1${SEP})?(?:\\([2-9]\\d\\d\\)${SEP}?|[2-9]\\d\\d${SEP})\\d{3}${SEP}\\d{4}${AFTER}`, 'g');
/** 020 7946 0958, (030) 1234 5678, 01 23 45 67 89, 0049 30 1234: a national number with its trunk 0. */
const TRUNK = new RegExp(`${BEFORE}(?:\\(0\\d{1,4}\\)${SEP}?|0\\d{1,4}${SEP})\\d{2,8}(?:${SEP}\\d{2,6}){0,3}${AFTER}`, 'g');
/** Any digit groups, or 10–15 digits in one run, when a context word says it is a phone number. */
const GROUPED = new RegExp(`${BEFORE}(?:\\d{2,5}(?:${SEP}\\d{2,6}){1,4}|\\d{10,15})${AFTER}`, 'g');

const CONTEXT = ['phone', 'tel', 'call', 'mobile', 'cell', 'fax', 'whatsapp', 'sms', 'text me', 'ring', 'dial', 'handy', 'telefon', 'téléphone', 'portable'];

/** Digit count of a real number, and none of the shapes identifiers, dates and addresses take. */
export function phoneValid(match: string, min = 8, max = 15): boolean {
  const digits = match.replace(/\D/g, '').length;
  return digits >= min && digits <= max && !looksLikeOtherNumber(match);
}

/** Dates (2026-11-24, 24.11.2026, 2026 11 0042-style year-month prefixes), IPv4 addresses and SSN shapes. */
export function looksLikeOtherNumber(s: string): boolean {
  return (
    /^(?:19|20)\d\d[ ./-](?:0?[1-9]|1[0-2])(?:[ ./-]|$)/.test(s) ||
    /^(?:0?[1-9]|[12]\d|3[01])[ ./-](?:0?[1-9]|[12]\d|3[01])[ ./-](?:19|20)?\d\d$/.test(s) ||
    /^\d{1,3}(?:\.\d{1,3}){3}$/.test(s) ||
    /^\d{3}-\d{2}-\d{4}$/.test(s)
  );
}

export const PHONE_RECOGNIZERS: readonly Recognizer[] = [
  { entity: 'PHONE_NUMBER', pattern: INTERNATIONAL, score: 0.5, validate: (m) => phoneValid(m, 8, 16) && !looksLikeOtherNumber(m.replace(/^\(?\+\d{1,3}\)?[ .-]?/, '')), context: CONTEXT },
  { entity: 'PHONE_NUMBER', pattern: NANP, score: 0.5, validate: (m) => phoneValid(m, 10), context: CONTEXT },
  { entity: 'PHONE_NUMBER', pattern: TRUNK, score: 0.5, validate: (m) => phoneValid(m, 9), context: CONTEXT },
  { entity: 'PHONE_NUMBER', pattern: GROUPED, score: 0.4, validate: (m) => phoneValid(m), context: CONTEXT, requireContext: true },
];
