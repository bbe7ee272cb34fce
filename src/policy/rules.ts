import { compileCel } from '../workflow/index.ts';

const programs = new Map<string, ReturnType<typeof compileCel>>();

/**
 * Evaluates a CEL rule against a request. A rule that cannot be evaluated (a missing argument,
 * a type error) does not hold: policy fails closed.
 */
export function evaluateRule(rule: string, vars: Record<string, unknown>): { holds: boolean; error?: string } {
  let compiled = programs.get(rule);
  if (!compiled) programs.set(rule, (compiled = compileCel(rule, 'policy')));
  if (!compiled.ok) return { holds: false, error: compiled.message };
  try {
    return { holds: compiled.program(vars) === true };
  } catch (error) {
    return { holds: false, error: (error instanceof Error ? error.message : String(error)).split('\n')[0]! };
  }
}
