import { validatorOf } from '../shared/json-schema.ts';
import { DiagnosticCode, type Diagnostic } from './diagnostic.ts';
import { didYouMean } from './did-you-mean.ts';
import type { GoldCase } from './gold-case-schema.ts';
import type { Loaded } from './load-definitions.ts';
import type { ModelScript, ScriptedTurn } from './model-script-schema.ts';
import type { ToolConnector } from './tool-schema.ts';
import type { Workflow } from './workflow-schema.ts';

interface ScriptContext {
  readonly workflows: ReadonlyMap<string, Workflow>;
  readonly connectors: ReadonlyMap<string, ToolConnector>;
  /** The gold cases that use this script. */
  readonly uses: readonly GoldCase[];
}

/**
 * A model script, against each workflow it answers (those of the gold cases that use it, and the
 * one it names): its agents exist, its tool calls name tools the agent is offered with arguments
 * that match the tool's schema, and its last answer matches the agent's output schema. A call the agent
 * is not offered is what an obeying model does under a prompt injection: allowed when a gold case
 * of that workflow using the script expects it refused (`expect.blocked`, or a `not_called` list).
 */
export function checkModelScript({ value: script, source }: Loaded<ModelScript>, context: ScriptContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  const ids = new Set([...context.uses.map((g) => g.workflow), ...(script.workflow ? [script.workflow] : [])]);
  if (script.workflow && !context.workflows.has(script.workflow)) {
    out.push(source.at(['workflow'], DiagnosticCode.UnknownWorkflow, `unknown workflow "${script.workflow}"${didYouMean(script.workflow, [...context.workflows.keys()])}`));
  }
  for (const id of ids) {
    const workflow = context.workflows.get(id);
    if (!workflow) continue; // the gold case or the field above says so
    const refused = refusedTools(context.uses.filter((g) => g.workflow === id));
    for (const [agent, turns] of Object.entries(script.agents)) {
      const definition = workflow.agents[agent];
      if (!definition) {
        out.push(source.atKey(['agents'], agent, DiagnosticCode.UnknownAgent, `"${agent}" is not an agent of workflow "${id}"${didYouMean(agent, Object.keys(workflow.agents))} (its agents: ${Object.keys(workflow.agents).join(', ') || 'none'})`));
        continue;
      }
      turns.forEach((turn, i) => out.push(...checkTurn(turn, ['agents', agent, i], { agent, workflow: id, offered: definition.tools, output: i === turns.length - 1 ? definition.output?.schema : undefined, refused: refused(agent), connectors: context.connectors, source })));
    }
  }
  return dedupe(out);
}

interface TurnContext {
  readonly agent: string;
  readonly workflow: string;
  readonly offered: readonly string[];
  /**
   * The agent's output schema, for its last turn only: an answer with turns after it may be wrong
   * on purpose, to exercise the engine asking again (the next turn is the repaired answer).
   */
  readonly output: object | undefined;
  readonly refused: ReadonlySet<string>;
  readonly connectors: ReadonlyMap<string, ToolConnector>;
  readonly source: Loaded<ModelScript>['source'];
}

function checkTurn(turn: ScriptedTurn, path: (string | number)[], c: TurnContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  (turn.tool_calls ?? []).forEach((call, j) => {
    const at = [...path, 'tool_calls', j];
    if (c.offered.includes(call.name) || c.refused.has(call.name)) {
      // offered, or expected refused: checked below, or left to the engine to refuse
    } else if (!c.connectors.has(call.name)) {
      out.push(c.source.at([...at, 'name'], DiagnosticCode.UnknownTool, `unknown tool "${call.name}"${didYouMean(call.name, c.offered.length ? c.offered : [...c.connectors.keys()])} (agent "${c.agent}" of workflow "${c.workflow}" is offered: ${c.offered.join(', ') || 'no tools'})`));
      return;
    } else {
      out.push(c.source.at([...at, 'name'], DiagnosticCode.ToolNotAllowed, `agent "${c.agent}" of workflow "${c.workflow}" is not offered "${call.name}" (its tools: ${c.offered.join(', ') || 'none'}): expected one of its tools, or a gold case using this script that expects the call refused (expect.blocked or a not_called list)`));
      return;
    }
    if (!c.offered.includes(call.name)) return;
    const connector = c.connectors.get(call.name);
    if (!connector) return; // the workflow's own check reports an unknown tool
    const problems = schemaProblems(connector.args, call.arguments);
    if (problems) out.push(c.source.at([...at, 'arguments'], DiagnosticCode.JsonSchema, `arguments do not match the schema of "${call.name}": ${problems}`));
  });
  if (turn.content !== undefined && !turn.tool_calls?.length && c.output) {
    const text = turn.content.trim().replace(/^```(?:json)?\s*([\s\S]*?)\s*```$/, '$1');
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      out.push(c.source.at([...path, 'content'], DiagnosticCode.JsonSchema, `the answer of agent "${c.agent}" is not JSON, where its output schema expects an object`));
      return out;
    }
    const problems = schemaProblems(c.output, value);
    if (problems) out.push(c.source.at([...path, 'content'], DiagnosticCode.JsonSchema, `the answer of agent "${c.agent}" does not match its output schema: ${problems}`));
  }
  return out;
}

/** Tools a gold case expects refused or not called, per agent (a refused call is not called either). */
function refusedTools(cases: readonly GoldCase[]): (agent: string) => ReadonlySet<string> {
  const all = new Set(cases.flatMap((g) => [...(g.expect.blocked ?? []).map((b) => b.tool), ...g.expect.tools_not_called]));
  return (agent) => new Set([...all, ...cases.flatMap((g) => g.expect.agents?.[agent]?.not_called ?? [])]);
}

function schemaProblems(schema: object, value: unknown): string | undefined {
  let validate;
  try {
    validate = validatorOf(schema);
  } catch {
    return undefined; // an invalid schema is reported where it is written
  }
  if (validate(value)) return undefined;
  return (validate.errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message ?? 'is invalid'}${e.keyword === 'enum' ? ` (${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')})` : ''}`).join('; ');
}

/** One script answering two workflows with the same agent may find the same problem twice. */
function dedupe(list: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return list.filter((d) => !seen.has(`${d.line}:${d.column}:${d.message}`) && seen.add(`${d.line}:${d.column}:${d.message}`));
}
