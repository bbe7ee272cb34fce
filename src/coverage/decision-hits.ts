import { entityOf, evaluateToolCall, evaluateToolResult, placeholdersIn, type PolicyDecision, type RuleObserver, type ToolRequest } from '../policy/index.ts';
import type { JournalRow } from '../core/index.ts';
import { stepsOf, type CoverageRun } from './coverage-run.ts';
import { packItemKey, sideKey } from './keys.ts';

/** A journaled decision checked again with an observer: the sides its rules came out on. */
export interface ReplayedDecision {
  readonly row: JournalRow;
  readonly decision: PolicyDecision;
  /** The check again gave the journaled effect, rule, pack and dry run (else its sides are not counted). */
  readonly same: boolean;
  readonly sides: string[];
}

// Decisions the engine takes itself (stopped loops, the denied-call cap, withheld replies, refused edits).
const ENGINE_ROW = /\/(loop|cap|result)$/;

/**
 * Re-evaluates every policy decision of a run through the one policy check, with the request the
 * engine built: the run's env and event, the connector's side effect, the agent's offered tools,
 * the data classes of the placeholders in the arguments. Pure.
 */
export function replayDecisions(cr: CoverageRun): ReplayedDecision[] {
  const steps = stepsOf(cr.journal);
  const out: ReplayedDecision[] = [];
  for (const row of cr.journal) {
    if (row.kind !== 'policy.decision' || ENGINE_ROW.test(row.stepKey)) continue;
    const d = row.data as PolicyDecision & { tool: string; args: Record<string, unknown> };
    if (d.ruleId?.startsWith('edit:') || !cr.definitions.tools.has(d.tool)) continue;
    const agent = /^(.+)\/call\d+(\/edited\d+)?$/.exec(row.stepKey)?.[1];
    const offered = agent ? cr.definitions.workflow.agents[steps.get(agent)?.agent ?? '']?.tools : undefined;
    const { observe, sides } = collector();
    const decision = evaluateToolCall(requestOf(cr, d.tool, d.args, offered), cr.definitions.policies, observe);
    const same = decision.effect === d.effect && decision.ruleId === d.ruleId && decision.policy === d.policy && decision.dryRun === d.dryRun;
    out.push({ row, decision, same, sides });
  }
  return out;
}

/** Sides of the result rules over every reply that reached the run (dry runs have none). */
export function resultHits(cr: CoverageRun): string[] {
  const out: string[] = [];
  cr.journal.forEach((row, i) => {
    const done = row.data as { output?: { body?: unknown; dryRun?: boolean } };
    if (row.kind !== 'tool.done' || !done.output || done.output.dryRun) return;
    const started = cr.journal.slice(0, i).findLast((r) => r.kind === 'tool.started' && r.stepKey === row.stepKey);
    const input = (started?.data as { input?: { tool: string; args: Record<string, unknown> } } | undefined)?.input;
    if (!input) return;
    const { observe, sides } = collector();
    const violation = evaluateToolResult(requestOf(cr, input.tool, input.args), done.output.body, cr.definitions.policies, observe);
    const journaled = cr.journal.find((r) => r.kind === 'policy.decision' && r.stepKey === `${row.stepKey}/result`)?.data as { ruleId: string } | undefined;
    if (violation?.ruleId === journaled?.ruleId) out.push(...sides);
  });
  return out;
}

function requestOf(cr: CoverageRun, tool: string, args: Record<string, unknown>, offeredTools?: readonly string[]): ToolRequest {
  return {
    tool, args, sideEffect: cr.definitions.tools.get(tool)?.side_effect ?? 'read', env: cr.run.env as ToolRequest['env'],
    workflow: cr.definitions.workflow.id, runId: cr.run.runId, event: cr.run.event as Record<string, unknown>,
    dataEntities: new Set(placeholdersIn(JSON.stringify(args ?? null)).map(entityOf)), ...(offeredTools ? { offeredTools } : {}),
  };
}

function collector(): { observe: RuleObserver; sides: string[] } {
  const sides: string[] = [];
  return { sides, observe: (pack, rule, side) => sides.push(sideKey(packItemKey(pack, rule), side)) };
}
