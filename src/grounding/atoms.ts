import { courtesyIn } from './courtesy.ts';
import { datesIn } from './dates.ts';
import { durationIn, figureAtoms, isYear, keepPrefixes } from './figures.ts';
import { kindOfId } from './measures.ts';
import { namesIn } from './names.ts';
import { statusesIn } from './statuses.ts';
import { blank, tokenize } from './tokens.ts';
import type { Atom, AtomOptions } from './atom-types.ts';

export { withoutCourtesy } from './courtesy.ts';
export { wordIndex } from './names.ts';

export type { Atom, AtomKind, AtomOptions, Duration, Qualifier } from './atom-types.ts';

const PLACEHOLDER = /<[A-Z][A-Z_]*_\d+>/g;
const URL = /\b(?:https?:\/\/|www\.)[^\s<>"')\]]+[^\s<>"')\].,;:!?]/gi;
const EMAIL = /\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b/g;
const ID = /\b(?:[A-Z]{1,5}(?:-[A-Z0-9]+)*-(?:[A-Z0-9]{2,}|\d)|[A-Za-z]{1,5}(?:-[A-Za-z0-9]+)*-[A-Za-z]*\d[A-Za-z0-9]*|[A-Z]{2}\d{2}[A-Z0-9]{11,30})\b/g;
const FRAGMENT = /\b(?:orders?|invoices?|tickets?|po|purchase order|refunds?|alerts?|vendors?|articles?|runbooks?|cases?)\s*(?:#|no\.?\s*|number\s+)?(\d{2,})\b|#(\d{2,})\b/gi;

/** The checkable atoms of one claim, each with the text it came from. */
export function atomsOf(text: string, o: AtomOptions): Atom[] {
  const atoms: Atom[] = [];
  const spans: { start: number; end: number }[] = courtesyIn(text);
  const take = (re: RegExp, source: string, make: (m: RegExpMatchArray) => Atom | undefined) => {
    for (const m of source.matchAll(re)) {
      if (spans.some((s) => m.index! < s.end && m.index! + m[0].length > s.start)) continue;
      const atom = make(m);
      if (atom) atoms.push(atom);
      spans.push({ start: m.index!, end: m.index! + m[0].length });
    }
  };
  take(PLACEHOLDER, text, (m) => ({ kind: 'placeholder', text: m[0], value: m[0] }));
  take(URL, text, (m) => ({ kind: 'url', text: m[0], value: m[0].toLowerCase() }));
  take(EMAIL, text, (m) => ({ kind: 'email', text: m[0], value: m[0].toLowerCase() }));
  take(ID, blank(text, spans), (m) => ({ kind: 'id', text: m[0], value: m[0].toUpperCase() }));
  // An identifier's prefix stays readable ("PO" of PO-50003): it says what kind of record a nearby figure is of.
  const prefixes = new Map(atoms.flatMap((a) => (a.kind === 'id' ? [[a.text, a.text.split('-')[0]!]] : [])));
  for (const d of datesIn(blank(text, spans), o.clock)) {
    const duration = d.relative && /^in\s/i.test(d.text) ? durationIn(d.text) : undefined;
    const { start: _s, end: _e, ...date } = d;
    atoms.push({ kind: 'date', ...date, ...(duration ? { duration } : {}) });
    spans.push(d);
  }
  take(FRAGMENT, blank(text, spans), (m) => ({ kind: 'id-fragment', text: m[0], digits: (m[1] ?? m[2])! }));
  const idKind = atoms.flatMap((a) => (a.kind === 'id' ? [kindOfId(a.value)] : [])).find((k) => k !== undefined);
  const names = namesIn(blank(text, spans), o.names ?? []);
  atoms.push(...names.map((n) => n.atom));
  const masked = keepPrefixes(blank(text, [...spans, ...names]), text, prefixes);
  const tokens = tokenize(masked);
  atoms.push(...figureAtoms(tokens, masked).filter((a) => !isYear(a)).map((a) => (a.kind !== 'amount' && a.kind !== 'quantity') || a.record || !idKind ? a : { ...a, record: idKind }));
  for (const s of statusesIn(tokens)) atoms.push({ kind: 'status', text: s.text, status: s.status, negated: s.negated });
  return atoms;
}
