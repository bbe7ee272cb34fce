import type { Atom, Qualifier } from './atom-types.ts';
import { wordIndex } from './names.ts';
import { kindsAgree, measuresAgree } from './measures.ts';
import type { Evidence, NumberFact, RecordFact } from './evidence.ts';
import { comparable, implies } from './statuses.ts';

/** What the evidence says of one atom: found (and where), not found (and what was looked for), or not checkable. */
export type AtomVerdict =
  | { readonly atom: Atom; readonly verdict: 'supported'; readonly pointer: string; readonly passage?: string }
  | { readonly atom: Atom; readonly verdict: 'unsupported'; readonly lookedFor: string }
  | { readonly atom: Atom; readonly verdict: 'unchecked'; readonly why: string };

export interface MatchOptions {
  /** How far a hedged figure ("about 90") may be from the evidence, relative: 0.05 = 5%. */
  readonly hedgeTolerance: number;
}

/** What else the claim says, that decides what its atoms are about. */
export interface ClaimContext {
  /** Identifiers it names (a status is of these). */
  readonly subjects: readonly string[];
  /** Names it mentions (a figure is of these, when the evidence ties figures to names). */
  readonly names: readonly string[];
  /** Kinds of record it speaks of ("the order", "the invoice"): a status without an ID is of one of these. */
  readonly kinds: readonly string[];
}

/** Checks one atom of a claim against the evidence. */
export function matchAtom(atom: Atom, ev: Evidence, claim: ClaimContext, o: MatchOptions): AtomVerdict {
  const subjects = claim.subjects;
  switch (atom.kind) {
    case 'id':
      return inText(atom, ev, (t) => idIn(t.text.toUpperCase(), atom.value), `identifier ${atom.value}`);
    case 'id-fragment':
      return inText(atom, ev, (t) => fragmentIn(t.text, atom.digits), `identifier ending in ${atom.digits}`);
    case 'name':
      return inText(atom, ev, (t) => wordIndex(flat(t.lower), flat(atom.value)) >= 0, `name "${atom.text}"`);
    case 'placeholder':
      return inText(atom, ev, (t) => t.text.includes(atom.value), `placeholder ${atom.value}`);
    case 'email':
    case 'url':
      return inText(atom, ev, (t) => t.lower.includes(atom.value.replace(/\/$/, '')), `${atom.kind === 'url' ? 'link' : 'address'} ${atom.text}`);
    case 'date': {
      const duration = atom.duration;
      const hit = ev.dates.find((d) => sameDate(atom, d)) ?? (duration ? ev.numbers.find((n) => n.unit?.dim === duration.unit.dim && Math.abs(n.value * n.unit.factor - duration.value * duration.unit.factor) < 1e-9) : undefined);
      return hit ? { atom, verdict: 'supported', pointer: hit.pointer, passage: hit.passage } : { atom, verdict: 'unsupported', lookedFor: `date ${atom.days.join(' or ')}${atom.relative ? ` ("${atom.text}" from the run's clock)` : ''}` };
    }
    case 'amount':
    case 'quantity': {
      // A figure said of a named thing ("the docking station cost 79") needs the evidence to say it of that thing.
      const owners = claim.names.filter((n) => ev.numbers.some((f) => f.owner !== undefined && sameName(f.owner, n)));
      const ownedBy = (n: NumberFact) => n.owner !== undefined && owners.some((w) => sameName(n.owner!, w));
      const hit = ev.numbers.find((n) => sameFigure(atom, n, o, ownedBy(n)) && (owners.length === 0 || n.owner === undefined || ownedBy(n)));
      return hit ? { atom, verdict: 'supported', pointer: hit.pointer, ...(hit.passage ? { passage: hit.passage } : {}) } : { atom, verdict: 'unsupported', lookedFor: describeFigure(atom) };
    }
    case 'status':
      return matchStatus(atom, ev.records, subjects, claim.kinds);
  }
}

/** A month, a day or an instant, as precisely as the claim names it. */
function sameDate(claim: Extract<Atom, { kind: 'date' }>, fact: Evidence['dates'][number]): boolean {
  if (claim.granularity === 'month') return fact.days.some((d) => claim.days.some((c) => c.slice(0, 7) === d.slice(0, 7)));
  if (claim.granularity === 'time') return fact.instant !== undefined && Math.abs(fact.instant - claim.instant!) <= claim.toleranceMs!;
  return fact.days.some((d) => claim.days.includes(d));
}

function inText(atom: Atom, ev: Evidence, test: (t: Evidence['texts'][number]) => boolean, what: string): AtomVerdict {
  const hit = ev.texts.find(test);
  return hit ? { atom, verdict: 'supported', pointer: hit.pointer } : { atom, verdict: 'unsupported', lookedFor: what };
}

/** Names compare without caring for hyphens, spaces or a possessive ("Edge proxy" = "edge-proxy"). */
const flat = (s: string) => s.toLowerCase().replace(/'s\b/g, '').replace(/[-_\s]+/g, ' ').trim();

/** An identifier, whole or as the tail of a longer one ("UL-8841" of INV-UL-8841), never inside a longer number. */
function idIn(text: string, id: string): boolean {
  return new RegExp(`(?<![A-Z0-9])(?:[A-Z0-9]+-)*${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![A-Z0-9])`).test(text);
}

/** "1001" is a fragment of O-1001, INV-2026-1001 or a bare "1001", not of O-10012. */
function fragmentIn(text: string, digits: string): boolean {
  return new RegExp(`(?:^|[^\\d])0*${digits}(?![\\d])`).test(text);
}

type Figure = Extract<Atom, { kind: 'amount' | 'quantity' }>;

const sameName = (a: string, b: string) => {
  const x = flat(a);
  const y = flat(b);
  return x === y || wordIndex(x, y) >= 0 || wordIndex(y, x) >= 0;
};

const BOUND_SIDE: Record<Qualifier, string> = { exact: 'exact', approx: 'approx', above: 'up', 'at-least': 'up', below: 'down', 'at-most': 'down' };

/** Same dimension (after conversion), a value the qualifier allows, and no other measure or record kind named. */
function sameFigure(claim: Figure, fact: NumberFact, o: MatchOptions, ownerNamed: boolean): boolean {
  if (claim.unit && fact.unit && claim.unit.dim !== fact.unit.dim) return false;
  // A figure in prose without a unit ("charged twice") is a count, not a length of time or an amount.
  if (fact.passage !== undefined && !fact.unit && claim.unit && !claim.unit.dim.startsWith('count:')) return false;
  // The refund of a named item is that item's price.
  const itemRefund = claim.measure === 'refund' && fact.measure === 'price' && ownerNamed;
  if (!(measuresAgree(claim.measure, fact.measure) || itemRefund) || !(kindsAgree(claim.record, fact.kinds) || itemRefund)) return false;
  // The evidence states a bound ("roll back if under 1 hour old"): a claim must state the same bound.
  if (fact.qualifier && fact.qualifier !== 'approx') return BOUND_SIDE[claim.qualifier] === BOUND_SIDE[fact.qualifier] && Math.abs(claim.value * (claim.unit && fact.unit ? claim.unit.factor / fact.unit.factor : 1) - fact.value) < 1e-9;
  const factor = claim.unit && fact.unit ? claim.unit.factor / fact.unit.factor : 1;
  const said = claim.value * factor;
  const step = claim.step * factor;
  const is = fact.value;
  const money = claim.unit?.dim.startsWith('money:') || fact.unit?.dim.startsWith('money:');
  // A bound over a value ("under 2 hours old" over a 10-minute figure) holds only for the same measure.
  if ((claim.qualifier === 'above' || claim.qualifier === 'below') && claim.measure !== fact.measure) return false;
  switch (claim.qualifier) {
    case 'approx':
      return Math.abs(is - said) <= Math.max(Math.abs(is) * o.hedgeTolerance, step / 2) + 1e-9;
    case 'above':
      return is > said;
    case 'below':
      return is < said;
    // "Up to 10 days" says the bound is 10: the evidence must state that figure.
    case 'at-least':
    case 'at-most':
      return Math.abs(is - said) <= step / 2 + 1e-9;
    case 'exact':
      // Money is stated to the cent; other figures may be rounded to the precision they are written in.
      return money ? Math.abs(is - said) < 0.005 : Math.abs(is - said) <= step / 2 + 1e-9;
  }
}

function describeFigure(a: Figure): string {
  const q = a.qualifier === 'exact' ? '' : `${a.qualifier} `;
  return `${q}${a.value}${a.unit ? ` ${a.unit.dim.startsWith('money:') ? a.unit.dim.slice(6) : a.unit.name}` : ''}${a.measure ? ` for the ${a.measure}` : ''}`;
}

/**
 * A status of the thing the claim names (by ID), or of the one record whose status could be meant.
 * "Refunded" holds when the record was refunded before or the run created a refund.
 */
function matchStatus(atom: Extract<Atom, { kind: 'status' }>, records: readonly RecordFact[], subjects: readonly string[], kinds: readonly string[]): AtomVerdict {
  const named = subjects.length > 0 ? records.filter((r) => r.ids.some((id) => subjects.some((s) => id === s || fragmentIn(id, s)))) : [];
  // Without an ID, a status is checked only of the kind of record the claim names ("the order was cancelled").
  const candidates = named.length > 0 ? named : subjects.length === 0 ? records.filter((r) => r.kinds?.some((k) => kinds.includes(k))) : [];
  const refundMade = records.some((r) => /^[\w.]*refund[\w.]* \(/.test(r.pointer) && r.status !== 'failed');
  const verdicts = candidates.flatMap((r) => {
    const holds = statusHolds(atom.status, r, refundMade && !atom.negated);
    return holds === undefined ? [] : [{ r, ok: holds !== atom.negated }];
  });
  // Every record it could be about must agree; otherwise the claim is too vague to check.
  if (verdicts.length === 0 || (verdicts.some((v) => v.ok) && verdicts.some((v) => !v.ok) && named.length === 0)) {
    return { atom, verdict: 'unchecked', why: subjects.length ? `no record of ${subjects.join(', ')} says whether it is ${atom.status}` : 'no single record it could be about' };
  }
  const hit = verdicts.find((v) => v.ok);
  if (hit) return { atom, verdict: 'supported', pointer: hit.r.pointer };
  const r = verdicts[0]!.r;
  return { atom, verdict: 'unsupported', lookedFor: `${subjects[0] ?? 'the record'} ${atom.negated ? 'not ' : ''}${atom.status} (${r.pointer} says ${r.status ?? `refunded_total ${r.refundedTotal}`})` };
}

/** Whether a record is in a status; undefined when it says nothing about it. "Refunded": refunded before, or a refund made by the run. */
function statusHolds(status: string, r: RecordFact, refundMade: boolean): boolean | undefined {
  if (status === 'refunded') {
    if ((r.refundedTotal ?? 0) > 0 || r.status === 'refunded' || refundMade) return true;
    return r.refundedTotal !== undefined ? false : undefined;
  }
  return r.status !== undefined && comparable(r.status, status) ? implies(r.status, status) : undefined;
}
