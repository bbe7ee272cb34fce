import { atomsOf, withoutCourtesy, type Atom } from './atoms.ts';
import { evidenceOf, sentences, type Evidence, type Source } from './evidence.ts';
import { matchAtom, type AtomVerdict } from './match.ts';
import { kindOfId, kindOfWord, measureOfKey } from './measures.ts';

/** What a run said, and where: an agent's answer field or the final output. */
export type Said = { readonly source: string; readonly text: string } | { readonly source: string; readonly number: number; readonly key: string };

/**
 * One claim and its verdict. `unchecked`: it asserts nothing the deterministic check can find
 * (a promise, a policy, an exclusion, a status change): the judge's to decide.
 */
export interface ClaimVerdict {
  readonly source: string;
  readonly claim: string;
  readonly verdict: 'grounded' | 'ungrounded' | 'unchecked';
  readonly atoms: readonly AtomVerdict[];
  /** What a judge made of it, when one was asked. */
  readonly judgement?: Judgement;
}

/** A judge's word on a claim and what it changed: decided an unchecked claim, cleared or confirmed a finding, or changed nothing. */
export interface Judgement {
  readonly said: 'supported' | 'unsupported' | 'none';
  readonly effect: 'decided' | 'cleared' | 'confirmed' | 'kept';
  /** The evidence it quoted (`E2 orders.get (step lookup)`) and the passage, when the passage is really there. */
  readonly evidence?: string;
  readonly passage?: string;
  readonly note: string;
}

export interface GroundingOptions {
  /** The run's clock: what relative dates mean. */
  readonly clock: Date;
  /** Names the world knows (products, vendors, services), so a lower-case mention is still a name. */
  readonly names?: readonly string[];
  /** How far a hedged figure may be from the evidence, relative (default 0.05). */
  readonly hedgeTolerance?: number;
}

/** A free-text claim has at least this many words; a shorter string with no atom is a label ("refund"), not a claim. */
const MIN_WORDS = 3;

/** Splits what a run said into claims and checks each one's atoms against the evidence. */
export function groundClaims(said: readonly Said[], sources: readonly Source[], o: GroundingOptions): ClaimVerdict[] {
  return checkClaims(said, evidenceOf(sources, o.clock), o);
}

export function checkClaims(said: readonly Said[], ev: Evidence, o: GroundingOptions): ClaimVerdict[] {
  const names = [...new Set([...(o.names ?? []), ...ev.names])];
  const match = { hedgeTolerance: o.hedgeTolerance ?? 0.05 };
  return said.flatMap((s) => {
    if ('number' in s) {
      const atom: Atom = { kind: 'quantity', text: String(s.number), value: s.number, step: stepOf(s.number), qualifier: 'exact', ...(measureOfKey(s.key) ? { measure: measureOfKey(s.key)! } : {}) };
      return [verdictOf(s.source, `${s.key}: ${s.number}`, [matchAtom(atom, ev, { subjects: [], names: [], kinds: [] }, match)])];
    }
    return sentences(s.text).flatMap((claim) => {
      const atoms = atomsOf(claim, { clock: o.clock, names });
      if (atoms.length === 0 && wordsOf(claim) < MIN_WORDS) return [];
      const subjects = atoms.flatMap((a) => (a.kind === 'id' ? [a.value] : a.kind === 'id-fragment' ? [a.digits] : []));
      const named = atoms.flatMap((a) => (a.kind === 'name' ? [a.value] : []));
      return [verdictOf(s.source, claim, atoms.map((a) => matchAtom(a, ev, { subjects, names: named, kinds: recordKindsIn(claim, atoms) }, match)))];
    });
  });
}

/** Atoms that only point at something (a name, an ID, an address): they can refute a claim, but not ground what it says of them. */
const REFERENCE = new Set(['name', 'id', 'id-fragment', 'placeholder', 'email', 'url']);

/**
 * Ungrounded when any atom is unsupported; grounded when what it asserts (a figure, date or status)
 * is supported; unchecked when it only names things that exist ("your headphones arrived").
 */
function verdictOf(source: string, claim: string, atoms: AtomVerdict[]): ClaimVerdict {
  const checked = atoms.filter((a) => a.verdict !== 'unchecked');
  const asserts = checked.some((a) => !REFERENCE.has(a.atom.kind)) || (checked.length > 0 && wordsOf(blankAtoms(claim, checked)) < MIN_WORDS);
  const verdict = checked.some((a) => a.verdict === 'unsupported') ? 'ungrounded' : asserts ? 'grounded' : 'unchecked';
  return { source, claim, verdict, atoms };
}

/** Words left once greetings and sign-offs are set aside. */
const wordsOf = (claim: string) => withoutCourtesy(claim).split(/\s+/).filter((w) => /\p{L}/u.test(w)).length;
/** The claim without the atoms' text: what it says beyond naming them ("Order O-1001." says nothing more). */
const blankAtoms = (claim: string, atoms: readonly AtomVerdict[]) => atoms.reduce((t, a) => t.replace(a.atom.text, ' '), claim);

function recordKindsIn(claim: string, atoms: readonly Atom[]): string[] {
  const words = claim.toLowerCase().replace(/purchase orders?/g, 'po').split(/[^\p{L}]+/u);
  return [...new Set([...words.map(kindOfWord), ...atoms.map((a) => (a.kind === 'id' ? kindOfId(a.value) : undefined))].filter((k): k is string => k !== undefined))];
}

const stepOf = (n: number) => 10 ** -((String(n).split('.')[1] ?? '').length);
