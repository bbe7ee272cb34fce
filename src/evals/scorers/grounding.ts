import { agentAnswers, evidence, finalOutput, writeToolsOf } from '../journal-facts.ts';
import type { Scorer } from '../types.ts';

const ID = /\b[A-Z]{1,4}-[A-Z0-9]{2,}(?:-[A-Z0-9]+)*\b/g;
const DATE = /\b\d{4}-\d{2}-\d{2}\b/g;
const NUMBER = /(?<![\w.-])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\w])|(?<![\w.-])\d+(?:\.\d+)?(?![\w])/g;
const NAME = /\b[A-Z][a-z]{2,}(?: [A-Z][a-z]{2,})+\b/g;

/** The claims an answer makes that can be checked: identifiers, dates, figures, named entities. */
export function claimsOf(text: string): { kind: 'id' | 'date' | 'figure' | 'entity'; value: string }[] {
  const dates = text.match(DATE) ?? [];
  const withoutDates = text.replace(DATE, ' ');
  const ids = withoutDates.match(ID) ?? [];
  const rest = withoutDates.replace(ID, ' ');
  return [
    ...ids.map((value) => ({ kind: 'id' as const, value })),
    ...dates.map((value) => ({ kind: 'date' as const, value })),
    ...(rest.match(NUMBER) ?? []).map((value) => ({ kind: 'figure' as const, value })),
    ...(rest.match(NAME) ?? []).filter((value) => !isCourtesy(value)).map((value) => ({ kind: 'entity' as const, value })),
  ];
}

/** Greetings and sign-offs are capitalised word pairs, not named entities ("Kind Regards", "Dear Customer"). */
const COURTESY = new Set(['dear', 'hello', 'hi', 'kind', 'best', 'warm', 'regards', 'wishes', 'thanks', 'thank', 'sincerely', 'cheers', 'customer', 'team', 'support', 'good', 'morning', 'afternoon', 'evening']);
const isCourtesy = (value: string) => value.split(' ').every((w) => COURTESY.has(w.toLowerCase()));

const asNumber = (s: string) => Number(s.replace(/,/g, ''));

/**
 * Deterministic grounding: every identifier, date, figure and named entity in the agents' answers
 * and the run's final output must appear in what the event carried or the tools returned (not in
 * what a write tool echoed back of the run's own words).
 * Figures compare as numbers (39.5 = 39.50 = "39.50"); small counts (0–10) are not claims.
 */
export const groundingScorer: Scorer = {
  name: 'grounding',
  score({ goldCase, run, journal, definitions }) {
    const sources = evidence(run.event, journal, writeToolsOf(definitions)).map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join('\n');
    const sourceNumbers = new Set((sources.match(NUMBER) ?? []).map(asNumber));
    const answers = [...agentAnswers(journal), finalOutput(journal)].filter((a) => a !== undefined);
    const text = answers.map((a) => (typeof a === 'string' ? a : Object.values(a as object).filter((v) => typeof v !== 'object').join('\n'))).join('\n');
    const claims = claimsOf(text).filter((c) => !(c.kind === 'figure' && asNumber(c.value) <= 10 && Number.isInteger(asNumber(c.value))));
    // Names match whatever their case ("Ergo Chair" in an answer, "ergo chair" in the catalogue).
    const lowerSources = sources.toLowerCase();
    const unsupported = claims.filter((c) => (c.kind === 'figure' ? !sourceNumbers.has(asNumber(c.value)) : c.kind === 'entity' ? !lowerSources.includes(c.value.toLowerCase()) : !sources.includes(c.value)));
    const required = goldCase.expect.grounded === true;
    const score = claims.length === 0 ? 1 : Math.round(((claims.length - unsupported.length) / claims.length) * 1000) / 1000;
    return {
      scorer: 'grounding', score, pass: !required || unsupported.length === 0,
      reason: unsupported.length === 0 ? `${claims.length} claim(s), all found in the event or tool replies` : unsupported.map((c) => `ungrounded ${c.kind} ${c.value}: not in the event or any tool reply`).join('; '),
      details: { claims: claims.length, unsupported, required },
    };
  },
};
