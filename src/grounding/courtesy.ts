import { blank } from './tokens.ts';

/** A greeting's addressee or a sign-off's signature: courtesy, not facts ("Dear Accounts Payable,", "Kind Regards, Triage Bot"). */
const GREETING = /^\s*(?:dear|hello|hi|hey|greetings|good (?:morning|afternoon|evening))\b[^,!.:\n]*[,!.:]?/i;
const SIGN_OFF = /^\s*(?:(?:kind|best|warm|warmest|many)\s+)?(?:regards|wishes|thanks|cheers|sincerely|yours\b)[\s\S]*$/i;
const THANKS = /\bthank(?:s| you)\b[^,.;!?]*[,.;!?]?/gi;

/** The text with greetings, thanks and sign-offs blanked. */
export const withoutCourtesy = (text: string): string => blank(text, courtesyIn(text));


/** Spans of greetings, thanks and sign-offs: nothing in them is a claim. */
export function courtesyIn(text: string): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  const greeting = GREETING.exec(text);
  if (greeting) spans.push({ start: 0, end: greeting[0].length });
  const signOff = SIGN_OFF.exec(text);
  if (signOff) spans.push({ start: signOff.index, end: text.length });
  for (const m of text.matchAll(THANKS)) spans.push({ start: m.index, end: m.index + m[0].length });
  return spans;
}

/** Greetings and sign-offs are capitalised word pairs, not named entities ("Kind Regards", "Dear Customer"). */
const COURTESY = new Set(['dear', 'hello', 'hi', 'kind', 'best', 'warm', 'regards', 'wishes', 'thanks', 'thank', 'you', 'sincerely', 'cheers', 'customer', 'customers', 'team', 'support', 'good', 'morning', 'afternoon', 'evening', 'many', 'yours', 'faithfully', 'truly', 'all', 'the', 'service', 'services', 'care', 'acme']);
export const isCourtesy = (value: string) => value.split(/[ -]/).every((w) => COURTESY.has(w.toLowerCase()));
