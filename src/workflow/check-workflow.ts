import { checkExpression } from './check-expressions.ts';
import { checkJsonSchema } from './check-json-schema.ts';
import { DiagnosticCode, type Diagnostic } from './diagnostic.ts';
import type { Loaded } from './load-definitions.ts';
import { cycleFrom, reachableSteps, stepsRunBefore, stepsThatCanEnd, successors } from './step-graph.ts';
import type { ToolConnector } from './tool-schema.ts';
import type { Workflow, WorkflowStep } from './workflow-schema.ts';
import type { ReferenceScope } from './check-references.ts';
import { factsOnEntry } from './path-facts.ts';

/** What a workflow may refer to outside itself. */
export interface WorkflowContext {
  readonly tools: ReadonlySet<string>;
  readonly policies: ReadonlySet<string>;
  /** `undefined` when the project has no tollgate.yaml to declare routes in. */
  readonly routes: ReadonlySet<string> | undefined;
  /** Connectors by name, for the shape of tool steps' replies (`result`). */
  readonly connectors?: ReadonlyMap<string, ToolConnector>;
}

/** Every reference, expression, schema and transition of one workflow. */
export function checkWorkflow({ value: wf, source }: Loaded<Workflow>, ctx: WorkflowContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  const stepIds = new Set<string>();
  wf.steps.forEach((step, i) => {
    if (stepIds.has(step.id)) out.push(source.at(['steps', i, 'id'], DiagnosticCode.DuplicateId, `duplicate step id "${step.id}": expected each step id once`));
    stepIds.add(step.id);
  });
  const known = (set: ReadonlySet<string>) => [...set].join(', ') || '(none defined)';

  wf.policy.forEach((id, i) => {
    if (!ctx.policies.has(id)) out.push(source.at(['policy', i], DiagnosticCode.UnknownPolicy, `unknown policy pack "${id}" (expected one of: ${known(ctx.policies)})`));
  });

  for (const [name, agent] of Object.entries(wf.agents)) {
    if ('route' in agent.model && ctx.routes && !ctx.routes.has(agent.model.route)) {
      out.push(source.at(['agents', name, 'model', 'route'], DiagnosticCode.UnknownRoute, `unknown model route "${agent.model.route}" (expected one of the routes in tollgate.yaml: ${known(ctx.routes)})`));
    }
    agent.tools.forEach((tool, i) => {
      if (!ctx.tools.has(tool)) out.push(source.at(['agents', name, 'tools', i], DiagnosticCode.UnknownTool, `unknown tool "${tool}" (expected a tool defined in workflows/tools/)`));
    });
    if (agent.output) out.push(...checkJsonSchema(source, ['agents', name, 'output', 'schema'], agent.output.schema, false));
  }

  const references = referenceScopes(wf, ctx.connectors);
  wf.steps.forEach((step, i) => {
    const at = ['steps', i] as const;
    const { before, after } = references(step);
    if ('agent' in step) {
      if (!(step.agent in wf.agents)) out.push(source.at([...at, 'agent'], DiagnosticCode.UnknownAgent, `unknown agent "${step.agent}" (expected one of: ${Object.keys(wf.agents).join(', ') || '(no agents defined)'})`));
      for (const [key, expr] of Object.entries(step.input)) out.push(...checkExpression(source, [...at, 'input', key], expr, 'step', stepIds, before));
    }
    if ('tool' in step) {
      if (!ctx.tools.has(step.tool)) out.push(source.at([...at, 'tool'], DiagnosticCode.UnknownTool, `unknown tool "${step.tool}" (expected a tool defined in workflows/tools/)`));
      for (const [key, expr] of Object.entries(step.args)) out.push(...checkExpression(source, [...at, 'args', key], expr, 'step', stepIds, before));
      if (step.compensate) {
        if (!ctx.tools.has(step.compensate.tool)) out.push(source.at([...at, 'compensate', 'tool'], DiagnosticCode.UnknownTool, `unknown tool "${step.compensate.tool}" (expected a tool defined in workflows/tools/)`));
        for (const [key, expr] of Object.entries(step.compensate.args)) out.push(...checkExpression(source, [...at, 'compensate', 'args', key], expr, 'transition', stepIds, after));
      }
    }
    if ('end' in step && step.output) {
      for (const [key, expr] of Object.entries(step.output)) out.push(...checkExpression(source, [...at, 'output', key], expr, 'step', stepIds, before));
    }
    if ('on_deny' in step && step.on_deny && !stepIds.has(step.on_deny)) {
      out.push(source.at([...at, 'on_deny'], DiagnosticCode.UnknownStep, `on_deny points to unknown step "${step.on_deny}" (expected one of: ${[...stepIds].join(', ')})`));
    }
    if (!('end' in step)) {
      step.next?.forEach((t, j) => {
        if (!stepIds.has(t.to)) out.push(source.at([...at, 'next', j, 'to'], DiagnosticCode.UnknownStep, `next points to unknown step "${t.to}" (expected one of: ${[...stepIds].join(', ')})`));
        if (t.when !== undefined) out.push(...checkExpression(source, [...at, 'next', j, 'when'], t.when, 'transition', stepIds, after));
      });
      const last = step.next?.at(-1);
      if (last?.when !== undefined) {
        out.push(source.at([...at, 'next', step.next!.length - 1], DiagnosticCode.MissingTransition, `the last transition of step "${step.id}" has a condition: expected a final "- to: <step>" without "when" so every outcome goes somewhere`));
      }
      if (!step.next && i === wf.steps.length - 1) {
        out.push(source.at([...at, 'id'], DiagnosticCode.MissingTransition, `step "${step.id}" is last and has no "next": expected "next" or an end step after it`));
      }
    }
  });

  out.push(...checkGraph({ value: wf, source }, stepIds));
  return out;
}

/**
 * What expressions at each step may rely on: before it runs (inputs, args, an end's output) and
 * after (its transitions and compensation, which also see its `output`). Unreachable steps get
 * none (they are reported as such).
 */
function referenceScopes(wf: Workflow, connectors: ReadonlyMap<string, ToolConnector> | undefined): (step: WorkflowStep) => { before?: ReferenceScope; after?: ReferenceScope } {
  const ran = stepsRunBefore(wf);
  const facts = factsOnEntry(wf);
  const byId = new Map(wf.steps.map((s) => [s.id, s]));
  const outputSchema = (id: string): ReturnType<ReferenceScope['outputSchema']> => {
    const step = byId.get(id);
    if (step && 'agent' in step) {
      const schema = wf.agents[step.agent]?.output?.schema;
      return schema ? { schema, what: `the output schema of agent "${step.agent}"` } : undefined;
    }
    if (step && 'tool' in step) {
      const schema = connectors?.get(step.tool)?.result;
      return schema ? { schema, what: `the result of ${step.tool}` } : undefined;
    }
    return undefined;
  };
  return (step) => {
    const before = ran.get(step.id);
    if (!before) return {};
    const known = facts.get(step.id) ?? new Set<string>();
    return {
      before: { at: step.id, ran: before, facts: known, outputSchema },
      after: { at: step.id, ran: new Set([...before, step.id]), facts: known, current: step.id, outputSchema },
    };
  };
}

function checkGraph({ value: wf, source }: Loaded<Workflow>, stepIds: ReadonlySet<string>): Diagnostic[] {
  const out: Diagnostic[] = [];
  const edges = successors(wf);
  for (const [from, tos] of edges) edges.set(from, tos.filter((to) => stepIds.has(to)));
  if (!wf.steps.some((s) => 'end' in s)) {
    return [source.at(['steps'], DiagnosticCode.NoEndReachable, 'the workflow has no end step: expected at least one step with "end: <state>"')];
  }
  const reachable = reachableSteps(wf, edges);
  const canEnd = stepsThatCanEnd(wf, edges);
  const trapped = new Set([...reachable].filter((id) => !canEnd.has(id)));
  const reported = new Set<string>();
  wf.steps.forEach((step, i) => {
    if (!reachable.has(step.id)) {
      out.push(source.at(['steps', i, 'id'], DiagnosticCode.UnreachableStep, `step "${step.id}" cannot be reached from the first step "${wf.steps[0]!.id}": expected a "next" that leads to it, or remove it`));
    } else if (trapped.has(step.id) && !reported.has(step.id)) {
      const cycle = cycleFrom(step.id, edges, trapped);
      cycle.forEach((id) => reported.add(id));
      const how = cycle.length > 0 ? `it loops ${cycle.join(' → ')}` : 'no path leads on from it';
      out.push(source.at(['steps', i, 'id'], DiagnosticCode.NoEndReachable, `no end step can be reached from step "${step.id}": ${how}; expected a transition that leads to an end step`));
    }
  });
  return out;
}
