import { BoundedCache } from '../../shared/index.ts';
import { cardPrefixValid, luhnValid, ssnValid } from './checksums.ts';
import type { Entity, Recognizer } from './recognizer.ts';

/**
 * The context words of a JSON key: its nearest name, split at camelCase, `_`, `-` and `.`, lower case
 * (`customerSSN` → "customer ssn"). Only the nearest key counts: a whole path would give every value
 * under `contact` a phone context.
 */
export function keyContext(key: string | undefined): string {
  if (!key) return '';
  return contexts.get(key, () => wordsOf(key));
}

const contexts = new BoundedCache<string>(4096);

function wordsOf(key: string): string {
  return key
    .replace(/([\p{Ll}\d])(\p{Lu})/gu, '$1 $2')
    .replace(/(\p{Lu})(\p{Lu}\p{Ll})/gu, '$1 $2')
    .replace(/[_\-.\s]+/g, ' ')
    .toLowerCase()
    .trim();
}

const SSN_KEY = /(?<![\p{L}\p{N}])(?:ssn|social security|social sec)/u;
const PHONE_KEY = /(?<![\p{L}\p{N}])(?:phone|tel|mobile|cell|fax|whatsapp|msisdn)/u;

/**
 * The entity a JSON number stands for, if any: card numbers always (Luhn and an issuer prefix), SSNs
 * and phone numbers only under a key that names them. JSON numbers above 2^53 have already lost
 * digits when parsed, so only safe integers are read: every card of up to 16 digits is exact, 17–19
 * digit cards are not and are missed.
 */
export function numberEntity(n: number, context: string): Entity | undefined {
  if (!Number.isSafeInteger(n) || n <= 0) return undefined;
  const digits = String(n);
  if (digits.length >= 13 && luhnValid(digits) && cardPrefixValid(digits)) return 'CREDIT_CARD';
  // An SSN sent as a number loses its leading zeros (012-34-5678 → 12345678).
  if (digits.length <= 9 && digits.length >= 7 && SSN_KEY.test(context)) {
    const ssn = digits.padStart(9, '0');
    if (ssnValid(`${ssn.slice(0, 3)}-${ssn.slice(3, 5)}-${ssn.slice(5)}`)) return 'US_SSN';
  }
  if (digits.length >= 10 && digits.length <= 15 && PHONE_KEY.test(context)) return 'PHONE_NUMBER';
  return undefined;
}

// JSON written into a string ("Customer wrote: {\"ssn\":123456789}", a model's structured answer):
// its keys give the digits after them the same meaning as in a real JSON value.
const EMBEDDED = /"(?<key>[^"\n]{1,40})"[ \t]*:[ \t]*"?(?<value>\d{7,15})(?![\d.])/dg;
const embedded = (entity: Entity): Recognizer => ({
  entity, pattern: EMBEDDED, score: 0.7, validate: (value, m) => numberEntity(Number(value), keyContext(m.groups?.key)) === entity,
});

export const EMBEDDED_JSON_RECOGNIZERS: readonly Recognizer[] = [embedded('US_SSN'), embedded('PHONE_NUMBER')];
