import { cardPrefixValid, ibanValid, luhnValid, ssnValid } from './checksums.ts';
import type { Recognizer } from './recognizer.ts';

/**
 * The recognisers, Presidio-style. Names (PERSON) are found only through titles and context phrases:
 * no maintained offline NER library for Node finds person names (wink-nlp's model has no PERSON), so
 * a name written bare in running text is missed.
 */
export const RECOGNIZERS: readonly Recognizer[] = [
  { entity: 'EMAIL_ADDRESS', pattern: /(?<![\w.+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?(?:\.[A-Za-z0-9-]{1,63})*\.[A-Za-z]{2,24}(?![\w-])/g, score: 0.9 },
  {
    entity: 'CREDIT_CARD', pattern: /(?<![\d-])(?:\d[ -]?){12,18}\d(?![\d-])/g, score: 0.9,
    validate: (m) => luhnValid(m) && cardPrefixValid(m), context: ['card', 'visa', 'mastercard', 'amex', 'cc'],
  },
  { entity: 'IBAN_CODE', pattern: /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\b/g, score: 0.9, validate: ibanValid, context: ['iban', 'bank', 'account'] },
  { entity: 'US_SSN', pattern: /(?<![\d-])\d{3}-\d{2}-\d{4}(?![\d-])/g, score: 0.6, validate: ssnValid, context: ['ssn', 'social security'] },
  { entity: 'US_SSN', pattern: /(?<!\d)\d{9}(?!\d)/g, score: 0.4, validate: (m) => ssnValid(`${m.slice(0, 3)}-${m.slice(3, 5)}-${m.slice(5)}`), context: ['ssn', 'social security'], requireContext: true },
  {
    entity: 'PHONE_NUMBER', pattern: /(?<![\w+])(?:\+\d{1,3}[ .-]?)?(?:\(\d{2,4}\)[ .-]?)?\d{2,4}[ .-]\d{3,4}(?:[ .-]\d{2,4})?(?![\w-])/g, score: 0.4,
    validate: (m) => m.replace(/\D/g, '').length >= 8 && !/^\d{4}-\d{2}-\d{2}$/.test(m) && !/^\d{4}([ -]\d{4}){2,}$/.test(m), context: ['phone', 'tel', 'call', 'mobile', 'cell', 'fax', 'whatsapp'],
  },
  { entity: 'API_KEY', pattern: /\b(?:AKIA[0-9A-Z]{16}|gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,}|xox[baprs]-[A-Za-z0-9-]{10,}|[sr]k_(?:live|test)_[A-Za-z0-9]{16,}|sk-[A-Za-z0-9_-]{20,}|AIza[0-9A-Za-z_-]{35})\b/g, score: 0.95 },
  { entity: 'API_KEY', pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g, score: 0.9 },
  { entity: 'API_KEY', pattern: /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]{0,8192}?-----END [A-Z ]*PRIVATE KEY-----/g, score: 1 },
  { entity: 'API_KEY', pattern: /(?<=\bBearer )[A-Za-z0-9._~+/=-]{16,}/g, score: 0.9 },
  {
    entity: 'API_KEY', pattern: /(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{24,128}(?![A-Za-z0-9_-])/g, score: 0.5, requireContext: true,
    validate: (m) => entropy(m) >= 3.5 && /\d/.test(m) && /[A-Za-z]/.test(m), context: ['key', 'token', 'secret', 'password', 'apikey', 'api_key', 'authorization'],
  },
  { entity: 'PERSON', pattern: /\b(?:Mr|Mrs|Ms|Miss|Dr|Prof)\.? (?<value>[A-Z][a-z]+(?: [A-Z][a-z]+){0,2})/g, score: 0.6 },
  { entity: 'PERSON', pattern: /\b(?:[Mm]y name is|[Rr]egards,\s*|[Ss]incerely,\s*|[Ss]igned,\s*|[Dd]ear|[Cc]ustomer:|[Cc]ontact:|[Nn]ame:) ?(?<value>[A-Z][a-z]+(?: [A-Z][a-z]+){1,2})\b/g, score: 0.55 },
];

function entropy(s: string): number {
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) h -= (n / s.length) * Math.log2(n / s.length);
  return h;
}
