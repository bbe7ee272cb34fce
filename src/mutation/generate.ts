import { OPERATORS } from './operators/index.ts';
import type { Mutant, MutationSubject } from './types.ts';

/** Every mutant of the definitions, from the chosen operators (default: all); an edit that changes nothing is dropped. */
export function generateMutants(subject: MutationSubject, only?: readonly string[]): Mutant[] {
  const unknown = (only ?? []).filter((id) => !OPERATORS.some((o) => o.id === id));
  if (unknown.length) throw new Error(`unknown mutation operator ${unknown.join(', ')} (expected: ${OPERATORS.map((o) => o.id).join(', ')})`);
  return OPERATORS.filter((o) => !only || only.includes(o.id))
    .flatMap((o) => o.generate(subject))
    // An edit that changes nothing, or a pack no workflow uses, is no mutant.
    .filter((m) => m.edits.some((e) => e.after !== e.before) && m.workflows.length > 0);
}
