import type { Recognizer } from './recognizer.ts';
import { isCommonWord, isGivenName, NAME_PARTICLES } from './words.ts';

/*
 * PERSON is found only where the text says a name comes: after a title, a context phrase, a
 * self-introduction or a sign-off. Every pattern takes any script's letters (José Álvarez, Łukasz Żółć,
 * Ngũgĩ wa Thiong'o); the words are then checked in code (refineName), so "I am not happy" and
 * "Dear Customer" are no names. Word lists stay out of the regexes: as alternations they cost more
 * than everything else detect() does.
 */

const LETTERS = String.raw`[\p{Ll}\p{M}]`;
const END = String.raw`(?![\p{L}\p{M}\p{N}])`;
// Jean-Luc, Thiong'o, O'Brien-McDonald; but not the possessive in "Jane's".
const SUFFIX = String.raw`(?:['’-](?!s${END})\p{Lu}?${LETTERS}+(?:\p{Lu}${LETTERS}+)?){0,2}`;
/** O'Brien, McDonald, Álvarez, Żółć. */
const CAPITALISED = String.raw`(?:\p{Lu}['’])?\p{Lu}${LETTERS}+(?:\p{Lu}${LETTERS}+)?${SUFFIX}`;
const LOWER = String.raw`\p{Ll}${LETTERS}+${SUFFIX}`;
const EITHER = `(?:${CAPITALISED}|${LOWER})`;
const PARTICLE = `(?:(?:${NAME_PARTICLES.join('|')}) )`;
const PARTICLES = new Set(NAME_PARTICLES);

/** Up to four name words, with surname particles between them. */
const words = (word: string) => `${word}(?: ${PARTICLE}{0,2}${word}){0,3}${END}`;

const TITLES = '\\b(?:Mr|Mrs|Ms|Mx|Miss|Dr|Prof|Sir|Dame|Herr|Frau|Mme|Mlle)\\.?';
const CONTEXT_PHRASES = '\\b(?:[Mm]y name is|[Mm]y name[\'’]s|[Ff]ull name:|[Nn]ame:|[Cc]ustomer:|[Cc]ontact:|[Cc]ontact person:|[Cc]ardholder:?|[Dd]ear|[Ss]igned,?|[Ff]rom:|[Aa]ttn:?|[Aa]ttention:)';
const STRONG_INTRO = '\\b(?:[Mm]y name is|[Mm]y name[\'’]s|[Ff]ull name:|[Nn]ame:)';
const WEAK_INTRO = '\\b(?:[Ii] am|[Ii][\'’]m|[Tt]his is|[Ii]t[\'’]s|[Ii]t is|[Hh]ere is|[Hh]ere[\'’]s)';
const SIGN_OFF =
  '\\b(?:[Tt]hanks(?: again| so much| a lot)?|[Tt]hank you(?: very much)?|[Mm]any thanks|[Tt]hx|[Bb]est(?: regards| wishes)?|[Kk]ind regards|[Ww]arm(?:est)? regards|' +
  '[Rr]egards|[Cc]heers|[Ss]incerely|[Yy]ours(?: sincerely| truly| faithfully)?|[Rr]espectfully|[Aa]ll the best|[Tt]ake care|[Ww]armly|[Cc]ordially|BR|[Rr]gds)';
/**
 * A sign-off's name stands alone on its line, or before a separator ("Jane Doe | Billing"); a quote
 * also ends it, for text a model wrote as a JSON string ("…Thanks,\\nJane Doe\"}").
 */
const LINE_END = String.raw`(?=[ \t]*(?:[,|(/–—-][^\n"]*)?(?:\r?\n|"|$))`;
const NEXT_LINE = String.raw`[ \t]*\r?\n(?:[ \t]*\r?\n)?[ \t]*`;

interface NameRule {
  /** Fewest name words. */
  readonly min?: number;
  /** The first word must be a known given name: always, or only when the name is written in lower case. */
  readonly given?: 'always' | 'lower-case';
}

/**
 * How much of a candidate is a name: the words up to the first common word, which ends a lower-case
 * name ("jane doe and …") but voids a capitalised one ("Acme Team" is no name "Acme").
 */
export function refineName(candidate: string, rule: NameRule = {}): number {
  let kept = 0;
  let count = 0;
  let at = 0;
  for (const word of candidate.split(' ')) {
    const start = at;
    at += word.length + 1;
    if (PARTICLES.has(word)) continue;
    if (isCommonWord(word)) {
      if (count === 0 || word[0] !== word[0]!.toLowerCase()) return 0;
      break;
    }
    count++;
    kept = start + word.length;
  }
  if (count < (rule.min ?? 1)) return 0;
  const first = candidate.split(' ', 1)[0]!;
  const lowerCase = first === first.toLowerCase();
  if ((rule.given === 'always' || (rule.given === 'lower-case' && lowerCase)) && !isGivenName(first)) return 0;
  return kept;
}

const person = (pattern: string, score: number, rule: NameRule = {}): Recognizer => ({
  entity: 'PERSON', pattern: new RegExp(pattern, 'gdu'), score, refine: (m) => refineName(m, rule),
});

export const NAME_RECOGNIZERS: readonly Recognizer[] = [
  person(`${TITLES}[ \\t]+(?<value>${words(CAPITALISED)})`, 0.6),
  person(`${CONTEXT_PHRASES}[ \\t]*(?:\\r?\\n[ \\t]*)?(?<value>${words(CAPITALISED)})`, 0.55),
  // "my name is jane doe": lower case, after a phrase that is nearly always followed by a name.
  person(`${STRONG_INTRO}[ \\t]*(?<value>${words(LOWER)})`, 0.55),
  // "this is jane doe", "i'm José": weaker phrases, so the first word must be a known given name.
  person(`${WEAK_INTRO}[ \\t]+(?<value>${words(EITHER)})`, 0.5, { given: 'always' }),
  person(`\\b(?:I am|I['’]m)[ \\t]+(?<value>${words(CAPITALISED)})`, 0.5, { min: 2 }),
  person(`${SIGN_OFF}[ \\t]*[,.!]?${NEXT_LINE}(?<value>${words(EITHER)})${LINE_END}`, 0.6, { given: 'lower-case' }),
  person(`(?<![^\\n])[ \\t]*(?:--|—|–)${NEXT_LINE}(?<value>${words(EITHER)})${LINE_END}`, 0.6, { given: 'lower-case' }),
  person(`${SIGN_OFF},[ \\t]+(?<value>${words(CAPITALISED)})(?=[ \\t]*[.!]?[ \\t]*(?:\\r?\\n|"|$))`, 0.55),
];
