import { compileCel, type CelScope } from '../workflow/index.ts';

const programs = new Map<string, ReturnType<typeof compileCel>>();

/**
 * Evaluates a CEL rule against a request. A rule that cannot be evaluated (a missing argument,
 * a type error) does not hold: policy fails closed.
 */
export function evaluateRule(rule: string, vars: Record<string, unknown>, scope: CelScope = 'policy'): { holds: boolean; error?: string } {
  const key = `${scope}\u0000${rule}`;
  let compiled = programs.get(key);
  if (!compiled) programs.set(key, (compiled = compileCel(rule, scope)));
  if (!compiled.ok) return { holds: false, error: compiled.message };
  try {
    return { holds: compiled.program(vars) === true };
  } catch (error) {
    return { holds: false, error: (error instanceof Error ? error.message : String(error)).split('\n')[0]! };
  }
}
