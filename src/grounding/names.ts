import { isCourtesy } from './courtesy.ts';
import { tokenize, touching } from './tokens.ts';

const DETERMINER = /^(?:The|A|An|Your|Our|This|That|These|Those|My|Its|Their|Please|We|You|Each|Every|Both|All)\s+/;
/** Things a customer buys, and words that tell one from another ("wireless keyboard" is not a "mechanical keyboard"). */
const PRODUCT = /^(?:keyboards?|mouse|mice|cables?|hubs?|desks?|chairs?|headsets?|headphones?|earbuds|monitors?|webcams?|cameras?|laptops?|chargers?|adapters?|speakers?|printers?|phones?|tablets?|lamps?|microphones?|routers?|docks?|batter(?:y|ies)|backpacks?|screens?|projectors?|controllers?|pens?|stands?|stations?)$/;
const PRODUCT_MODIFIER = /^(?:wireless|wired|mechanical|bluetooth|usb|usb-c|lightning|hdmi|standing|gaming|ergonomic|office|docking|laptop|noise-cancelling|portable|external|smart|optical|curved|4k|pen|mechanical|webcam|monitor|phone|desk)$/;
const CAPITALISED = /\b[A-Z][\p{Ll}]+(?:[ -](?:of |and |& )?[A-Z][\p{Ll}]+)+\b|\b[A-Z][a-z]+[A-Z][A-Za-z]+\b/gu;
const SERVICE = /\b[a-z][a-z0-9]*(?:-[a-z0-9]+)+\b/g;
const TECH = /^(?:api|db|proxy|worker|service|indexer|pipeline|warehouse|server|cluster|queue|cache|gateway|node|host|replica|batch|enricher|consumer|web|app|store)$/;

/** A name, where it sits in the text. */
export interface NameMention {
  readonly atom: { readonly kind: 'name'; readonly text: string; readonly value: string };
  readonly start: number;
  readonly end: number;
}

/** Names the world knows (any case), capitalised names, and service or host names ("search-indexer-2"). */
export function namesIn(text: string, known: readonly string[]): NameMention[] {
  const out: NameMention[] = [];
  const lower = text.toLowerCase();
  const add = (start: number, value: string) => out.push({ atom: { kind: 'name', text: text.slice(start, start + value.length), value: value.toLowerCase() }, start, end: start + value.length });
  for (const name of [...known].sort((a, b) => b.length - a.length)) {
    const at = wordIndex(lower, name.toLowerCase());
    if (at >= 0 && !out.some((n) => at < n.end && at + name.length > n.start)) add(at, name);
  }
  const covered = (start: number, end: number) => out.some((n) => start < n.end && end > n.start);
  // A Title Case Sentence capitalises every word: its capitals say nothing about names.
  const words = text.split(/\s+/).filter((w) => /^\p{L}/u.test(w));
  const titleCase = words.length >= 4 && words.filter((w) => /^\p{Lu}/u.test(w)).length / words.length >= 0.85;
  for (const m of titleCase ? [] : text.matchAll(CAPITALISED)) {
    const det = DETERMINER.exec(m[0])?.[0].length ?? 0;
    const value = m[0].slice(det).replace(/'s$/, '');
    if (!value.includes(' ') && !value.includes('-') && !/[a-z][A-Z]/.test(value)) continue;
    if (!isCourtesy(value) && !covered(m.index + det, m.index + det + value.length)) add(m.index + det, value);
  }
  for (const p of productsIn(text)) if (!covered(p.start, p.end)) add(p.start, text.slice(p.start, p.end));
  for (const m of text.matchAll(SERVICE)) {
    const parts = m[0].split('-');
    const serviceLike = (/\d/.test(m[0]) && /[a-z]{3,}/.test(parts[0]!)) || parts.some((p) => TECH.test(p));
    if (serviceLike && !covered(m.index, m.index + m[0].length)) add(m.index, m[0]);
  }
  return out;
}

/** Product mentions with the words that qualify them ("a wireless keyboard", "the USB-C cables"). */
function productsIn(text: string): { start: number; end: number }[] {
  const tokens = tokenize(text);
  const out: { start: number; end: number }[] = [];
  tokens.forEach((t, i) => {
    if (!PRODUCT.test(t.lower)) return;
    let first = i;
    while (first > 0) {
      const prev = tokens[first - 1]!;
      const hyphenated = prev.text === '-' && tokens[first - 2] && touching(tokens[first - 2], prev) && touching(prev, tokens[first]);
      const compound = prev.kind === 'word' && tokens[first - 2]?.text === '-' && touching(tokens[first - 3], tokens[first - 2]) && touching(tokens[first - 2], prev);
      if (hyphenated) first -= 2;
      else if (compound) first -= 3;
      else if (prev.kind === 'word' && (PRODUCT_MODIFIER.test(prev.lower) || /^\p{Lu}/u.test(prev.text)) && !DETERMINER.test(`${prev.text} `)) first--;
      else break;
    }
    out.push({ start: tokens[first]!.start, end: t.end });
  });
  return out;
}

/** Where `needle` starts in `haystack` as whole words, or -1. */
export function wordIndex(haystack: string, needle: string): number {
  let from = 0;
  for (;;) {
    const at = haystack.indexOf(needle, from);
    if (at < 0) return -1;
    const before = haystack[at - 1];
    const after = haystack[at + needle.length];
    // A hyphen joins words into one name: "search-indexer" is not found in "search-indexer-3".
    const joined = (c: string | undefined, next: string | undefined) => c === '-' && next !== undefined && /[\p{L}\d]/u.test(next);
    if ((!before || !/[\p{L}\d]/u.test(before)) && !joined(before, haystack[at - 2]) && (!after || !/[\p{L}\d]/u.test(after)) && !joined(after, haystack[at + needle.length + 1])) return at;
    from = at + 1;
  }
}
