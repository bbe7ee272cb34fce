import { compileCel, type CelScope } from '../workflow/index.ts';

const cache = new Map<string, (vars: Record<string, unknown>) => unknown>();

/** Thrown when an expression fails at run time (a missing key, a type mismatch). */
export class ExpressionError extends Error {
  constructor(
    readonly expression: string,
    message: string,
  ) {
    super(`CEL "${expression}": ${message}`);
  }
}

/** Evaluates one CEL expression; integers come back as numbers, never BigInt. */
export function evaluate(expression: string, scope: CelScope, vars: Record<string, unknown>): unknown {
  const key = `${scope}\u0000${expression}`;
  let program = cache.get(key);
  if (!program) {
    const compiled = compileCel(expression, scope);
    if (!compiled.ok) throw new ExpressionError(expression, compiled.message);
    program = compiled.program as unknown as (vars: Record<string, unknown>) => unknown;
    cache.set(key, program);
  }
  try {
    return fromCel(program(vars));
  } catch (error) {
    throw new ExpressionError(expression, (error instanceof Error ? error.message : String(error)).split('\n')[0]!);
  }
}

/** Evaluates every expression of a map (step input, tool args, end output). */
export function evaluateMap(map: Record<string, string>, scope: CelScope, vars: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(map).map(([k, expr]) => [k, evaluate(expr, scope, vars)]));
}

/** CEL values → JSON values: BigInt to number, Maps to objects. */
export function fromCel(value: unknown): unknown {
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [String(k), fromCel(v)]));
  if (Array.isArray(value)) return value.map(fromCel);
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fromCel(v)]));
  }
  return value;
}
