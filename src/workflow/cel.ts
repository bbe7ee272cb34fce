import { Environment, type ParseResult as CelProgram } from '@marcbachmann/cel-js';

/** Where an expression is written decides which variables it may use. */
export const CEL_SCOPES = {
  /** step inputs and tool-step args */
  step: ['event', 'steps', 'run'],
  /** `next[].when`, `compensate.args`: also the current step's output */
  transition: ['event', 'steps', 'run', 'output'],
  /** policy constraints and approval rules */
  policy: ['args', 'tool', 'run', 'event'],
  /** policy result rules: also the tool's reply */
  result: ['args', 'tool', 'run', 'event', 'result'],
} as const;
export type CelScope = keyof typeof CEL_SCOPES;

const LIMITS = { maxAstNodes: 500, maxDepth: 32, maxListElements: 200, maxMapEntries: 200, maxCallArguments: 16 };

const environments = new Map<CelScope, Environment>();
function environmentFor(scope: CelScope): Environment {
  let env = environments.get(scope);
  if (!env) {
    env = new Environment({ limits: LIMITS, homogeneousAggregateLiterals: false });
    for (const name of CEL_SCOPES[scope]) env.registerVariable(name, name === 'tool' ? 'string' : 'map');
    environments.set(scope, env);
  }
  return env;
}

export type CelCompileResult =
  | { ok: true; program: CelProgram; stepRefs: StepRef[] }
  | { ok: false; kind: 'syntax' | 'unknown_variable' | 'type'; offset: number; message: string };

/** `steps.<id>` as written in an expression, with its offset, so unknown step ids can be located. */
export interface StepRef {
  readonly step: string;
  readonly offset: number;
}

/** Parses and type-checks an expression in a scope; never throws. */
export function compileCel(expression: string, scope: CelScope): CelCompileResult {
  const env = environmentFor(scope);
  let program: CelProgram;
  try {
    program = env.parse(expression);
  } catch (error) {
    return { ok: false, kind: 'syntax', offset: offsetOf(error), message: headline(error) };
  }
  const checked = program.check();
  if (!checked.valid) {
    const message = headline(checked.error);
    const kind = message.startsWith('Unknown variable') ? 'unknown_variable' : 'type';
    return { ok: false, kind, offset: offsetOf(checked.error), message };
  }
  return { ok: true, program, stepRefs: collectStepRefs(program.ast) };
}

interface AstNode {
  op: string;
  args: unknown;
  start?: number;
}

function collectStepRefs(ast: unknown): StepRef[] {
  const refs: StepRef[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object' || !('op' in node)) return;
    const n = node as AstNode;
    if (n.op === '.' && Array.isArray(n.args)) {
      const [target, field] = n.args as [AstNode, unknown];
      if (target?.op === 'id' && target.args === 'steps' && typeof field === 'string') {
        refs.push({ step: field, offset: (target.start ?? 0) + 'steps.'.length });
      }
    }
    visit(n.args);
  };
  visit(ast);
  return refs;
}

function headline(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0]!.trim();
}

function offsetOf(error: unknown): number {
  const node = (error as { node?: { start?: number; pos?: number } } | undefined)?.node;
  return node?.start ?? node?.pos ?? 0;
}
