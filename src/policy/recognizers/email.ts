import type { Recognizer } from './recognizer.ts';
import { isCommonWord } from './words.ts';

// Any script's letters (RFC 6531 addresses, IDN domains), which also keeps a look-alike letter
// ("jаne@…" with a Cyrillic а) inside the match instead of cutting the address short.
const PLAIN = /(?<![\p{L}\p{N}_.%+-])[\p{L}\p{N}][\p{L}\p{N}_.%+-]{0,63}@[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,62}[\p{L}\p{N}])?(?:\.[\p{L}\p{N}-]{1,63})*\.\p{L}{2,24}(?![\p{L}\p{N}_-])/gu;

// "jane . doe [at] example [dot] com", "jane(at)example(dot)com", "jane at example dot com".
// Separators are bounded and distinct from the parts they join, so the pattern cannot backtrack badly.
const PART = '[A-Za-z0-9][A-Za-z0-9_%+-]{0,62}';
const BRACKETED = (word: string) => `[ \\t]{0,3}[[({<][ \\t]{0,2}(?:${word}|${word.toUpperCase()})[ \\t]{0,2}[\\])}>][ \\t]{0,3}`;
const AT = `(?:[ \\t]{0,3}@[ \\t]{0,3}|${BRACKETED('at')}|[ \\t]{1,3}(?:at|AT)[ \\t]{1,3})`;
// A dot with space on one side only is a sentence end ("hi. jane at …"), not part of an address.
const DOT = `(?:\\.|[ \\t]{1,3}\\.[ \\t]{1,3}|${BRACKETED('dot')}|[ \\t]{1,3}(?:dot|DOT)[ \\t]{1,3})`;
const OBFUSCATED = new RegExp(`(?<![\\w.+-])${PART}(?:${DOT}${PART}){0,5}${AT}${PART}(?:${DOT}${PART}){0,5}${DOT}[A-Za-z]{2,24}(?![\\w-])`, 'g');

/** Top-level domains an unbracketed "at … dot …" address may end in: "look at the page dot com" has no address. */
const COMMON_TLDS = new Set(['com', 'org', 'net', 'edu', 'gov', 'io', 'co', 'uk', 'de', 'fr', 'nl', 'es', 'it', 'eu', 'ca', 'au', 'info', 'biz', 'me', 'dev', 'app', 'example']);

/**
 * An obfuscated address: the "@" or "." written out or spaced. A bracketed "[at]" is enough; a spaced
 * "@" needs a common or two-letter TLD ("x @ weights.transpose" is code); a bare " at " also needs a
 * spelled-out dot and a local part that is no common word ("look at google.com" is no address).
 */
export function obfuscatedEmailValid(match: string): boolean {
  if (!/[\s[({<]/.test(match)) return false; // plain addresses are the plain recogniser's
  if (/[[({<][ \t]*at[ \t]*[\])}>]/i.test(match)) return true;
  const tld = /([A-Za-z]+)$/.exec(match)?.[1]?.toLowerCase() ?? '';
  const tldOk = COMMON_TLDS.has(tld) || tld.length === 2;
  if (match.includes('@')) return tldOk;
  const [local = '', domain = ''] = match.split(/[ \t]+at[ \t]+/i);
  return tldOk && /(?:[ \t]dot[ \t]|[[({<][ \t]*dot)/i.test(domain) && local.length >= 2 && !isCommonWord(local.split(/\W+/)[0] ?? '');
}

export const EMAIL_RECOGNIZERS: readonly Recognizer[] = [
  { entity: 'EMAIL_ADDRESS', pattern: PLAIN, score: 0.9 },
  { entity: 'EMAIL_ADDRESS', pattern: OBFUSCATED, score: 0.9, validate: obfuscatedEmailValid },
];
