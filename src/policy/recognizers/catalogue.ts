import { cardPrefixValid, ibanValid, luhnValid, ssnValid } from './checksums.ts';
import { EMAIL_RECOGNIZERS } from './email.ts';
import { EMBEDDED_JSON_RECOGNIZERS } from './json-values.ts';
import { NAME_RECOGNIZERS } from './names.ts';
import { PHONE_RECOGNIZERS } from './phone.ts';
import type { Recognizer } from './recognizer.ts';

const SSN_CONTEXT = ['ssn', 'social security', 'social sec'];

/**
 * The recognisers, Presidio-style, run on the normalised text (see normalise.ts). Names (PERSON) are
 * found only through titles, context phrases, introductions and sign-offs: no maintained offline NER
 * library for Node finds person names (wink-nlp's model has no PERSON), so a name written bare in
 * running text is missed.
 */
export const RECOGNIZERS: readonly Recognizer[] = [
  ...EMAIL_RECOGNIZERS,
  {
    // Single separators of any kind between digits (4111.1111-1111 1111), never glued to more digit
    // groups; a comma still separates two values ([4111111111111111,378282246310005]).
    entity: 'CREDIT_CARD', pattern: /(?<![\d.-])(?<!\d[ .-])(?:\d[ .-]?){12,18}\d(?![\d-]|[ .-]\d)/g, score: 0.9,
    validate: (m) => luhnValid(m) && cardPrefixValid(m), context: ['card', 'visa', 'mastercard', 'amex', 'cc', 'credit', 'debit'],
  },
  { entity: 'IBAN_CODE', pattern: /\b[A-Z]{2}\d{2}(?:[ -]?[A-Z0-9]{4}){2,7}(?:[ -]?[A-Z0-9]{1,4})?\b/g, score: 0.9, validate: (m) => ibanValid(m.replace(/-/g, '')), context: ['iban', 'bank', 'account'] },
  { entity: 'US_SSN', pattern: /(?<![\d-])\d{3}-\d{2}-\d{4}(?![\d-])/g, score: 0.6, validate: ssnValid, context: SSN_CONTEXT },
  { entity: 'US_SSN', pattern: /(?<![\d.-])(?<!\d )\d{3}[ .]\d{2}[ .]\d{4}(?![\d-]|[ .]\d)/g, score: 0.4, validate: (m) => ssnValid(m.replace(/\D/g, '').replace(/^(\d{3})(\d{2})/, '$1-$2-')), context: SSN_CONTEXT, requireContext: true },
  { entity: 'US_SSN', pattern: /(?<!\d)\d{9}(?!\d)/g, score: 0.4, validate: (m) => ssnValid(`${m.slice(0, 3)}-${m.slice(3, 5)}-${m.slice(5)}`), context: SSN_CONTEXT, requireContext: true },
  ...PHONE_RECOGNIZERS,
  ...EMBEDDED_JSON_RECOGNIZERS,
  { entity: 'API_KEY', pattern: /\b(?:AKIA[0-9A-Z]{16}|gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,}|xox[baprs]-[A-Za-z0-9-]{10,}|[sr]k_(?:live|test)_[A-Za-z0-9]{16,}|sk-[A-Za-z0-9_-]{20,}|AIza[0-9A-Za-z_-]{35})\b/g, score: 0.95 },
  { entity: 'API_KEY', pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g, score: 0.9 },
  { entity: 'API_KEY', pattern: /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]{0,8192}?-----END [A-Z ]*PRIVATE KEY-----/g, score: 1 },
  { entity: 'API_KEY', pattern: /(?<=\bBearer )[A-Za-z0-9._~+/=-]{16,}/g, score: 0.9 },
  {
    entity: 'API_KEY', pattern: /(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{24,128}(?![A-Za-z0-9_-])/g, score: 0.5, requireContext: true,
    validate: (m) => entropy(m) >= 3.5 && /\d/.test(m) && /[A-Za-z]/.test(m), context: ['key', 'token', 'secret', 'password', 'passwd', 'apikey', 'api_key', 'authorization'],
  },
  ...NAME_RECOGNIZERS,
];

function entropy(s: string): number {
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) h -= (n / s.length) * Math.log2(n / s.length);
  return h;
}
