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
  | { ok: true; program: CelProgram; stepRefs: StepRef[]; paths: MemberPath[] }
  | { ok: false; kind: 'syntax' | 'unknown_variable' | 'type'; offset: number; message: string };

/**
 * A chain of field selections from `steps` or `output` as written (`steps.refund.output.id`): the
 * fields in order with the offset of each name, and whether it stands inside `has(…)`, which tests
 * for it rather than reads it. Index access (`steps['x']`) ends a chain.
 */
export interface MemberPath {
  readonly root: 'steps' | 'output';
  readonly fields: readonly { readonly name: string; readonly offset: number }[];
  readonly inHas: boolean;
}

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
  return { ok: true, program, stepRefs: collectStepRefs(program.ast), paths: collectPaths(program.ast) };
}

interface AstNode {
  op: string;
  args: unknown;
  start?: number;
  pos?: number;
}

function collectPaths(ast: unknown): MemberPath[] {
  const paths: MemberPath[] = [];
  const visit = (node: unknown, inHas: boolean): void => {
    if (Array.isArray(node)) return node.forEach((n) => visit(n, inHas));
    if (!node || typeof node !== 'object' || !('op' in node)) return;
    const n = node as AstNode;
    if (n.op === 'call' && Array.isArray(n.args) && n.args[0] === 'has') return visit(n.args[1], true);
    if (n.op === '.') {
      const fields: { name: string; offset: number }[] = [];
      let at: AstNode = n;
      while (at.op === '.' && Array.isArray(at.args) && typeof at.args[1] === 'string') {
        fields.unshift({ name: at.args[1], offset: at.pos ?? 0 });
        at = at.args[0] as AstNode;
      }
      if (at.op === 'id' && (at.args === 'steps' || at.args === 'output')) {
        paths.push({ root: at.args, fields, inHas });
        return;
      }
    }
    visit(n.args, inHas);
  };
  visit(ast, false);
  return paths;
}

/**
 * What an expression being true proves present: the `has(…)` tests it is a conjunction of, as
 * dotted paths (`output.order_id`, `steps.refund`). Nothing for a disjunction or a negation.
 */
export function hasFacts(expression: string, scope: CelScope): string[] {
  const compiled = compileCel(expression, scope);
  if (!compiled.ok) return [];
  const facts: string[] = [];
  const visit = (node: AstNode): void => {
    if (node.op === '&&' && Array.isArray(node.args)) return (node.args as AstNode[]).forEach(visit);
    if (node.op === 'call' && Array.isArray(node.args) && node.args[0] === 'has') {
      const [tested] = collectPaths(node.args[1]);
      if (tested) facts.push([tested.root, ...tested.fields.map((f) => f.name)].join('.'));
    }
  };
  visit(compiled.program.ast as unknown as AstNode);
  return facts;
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
