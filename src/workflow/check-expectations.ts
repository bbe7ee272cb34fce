import { DiagnosticCode, type Diagnostic } from './diagnostic.ts';
import type { GoldCase } from './gold-case-schema.ts';
import type { PolicyPack } from './policy-schema.ts';
import { approvalRuleIds, ENGINE_STOP_RULES, stopRuleIds } from './rule-ids.ts';
import type { SourceFile } from './source-file.ts';
import type { ToolConnector } from './tool-schema.ts';
import type { Workflow } from './workflow-schema.ts';

/**
 * The safety expectations of a gold case must name things that exist: the workflow's agents,
 * rules of its packs, write tools for dry runs and live writes, steps that can be compensated.
 */
export function checkExpectations(gc: GoldCase, source: SourceFile, workflow: Workflow, packs: ReadonlyMap<string, PolicyPack>, tools: ReadonlyMap<string, ToolConnector>): Diagnostic[] {
  const out: Diagnostic[] = [];
  const expect = gc.expect;
  const own = workflow.policy.flatMap((id) => (packs.has(id) ? [packs.get(id)!] : []));
  const list = (xs: readonly string[]) => xs.join(', ') || '(none)';

  expect.blocked?.forEach((b, i) => {
    if (b.policy !== undefined && !workflow.policy.includes(b.policy)) {
      out.push(source.at(['expect', 'blocked', i, 'policy'], DiagnosticCode.UnknownPolicy, `policy "${b.policy}" is not a pack of workflow "${workflow.id}" (expected one of: ${list(workflow.policy)})`));
      return;
    }
    const from = b.policy !== undefined ? own.filter((p) => p.id === b.policy) : own;
    const known = [...new Set([...from.flatMap(stopRuleIds), ...(b.policy === undefined ? ENGINE_STOP_RULES : [])])];
    if (!known.includes(b.rule)) out.push(source.at(['expect', 'blocked', i, 'rule'], DiagnosticCode.UnknownRule, `no rule "${b.rule}" can stop a call${b.policy ? ` in pack ${b.policy}` : ` in workflow ${workflow.id}'s packs`} (expected one of: ${list(known)})`));
  });

  for (const [agent, want] of Object.entries(expect.agents ?? {})) {
    const def = workflow.agents[agent];
    if (!def) {
      out.push(source.at(['expect', 'agents', agent], DiagnosticCode.UnknownAgent, `unknown agent "${agent}" (expected one of workflow ${workflow.id}'s agents: ${list(Object.keys(workflow.agents))})`));
      continue;
    }
    want.called.forEach((tool, i) => {
      if (!def.tools.includes(tool)) out.push(source.at(['expect', 'agents', agent, 'called', i], DiagnosticCode.ToolNotAllowed, `agent ${agent} is not given ${tool}, so it can never call it (expected one of: ${list(def.tools)})`));
    });
  }

  const writeTools = [...tools.values()].filter((t) => t.side_effect === 'write').map((t) => t.name);
  for (const key of ['dry_run', 'live'] as const) {
    expect[key].forEach((tool, i) => {
      if (!writeTools.includes(tool)) out.push(source.at(['expect', key, i], DiagnosticCode.UnknownTool, `${tool} is not a write tool, so it never runs ${key === 'dry_run' ? 'as a dry run' : 'as a live write'} (expected one of: ${list(writeTools)})`));
    });
  }

  const askers = [...new Set([...own.flatMap(approvalRuleIds), ...workflow.steps.flatMap((s) => ('approval' in s ? [`step:${s.id}`] : []))])];
  expect.approvals?.forEach((a, i) => {
    if (a.rule !== undefined && !askers.includes(a.rule)) out.push(source.at(['expect', 'approvals', i, 'rule'], DiagnosticCode.UnknownRule, `no rule "${a.rule}" asks for approvals in workflow ${workflow.id} (expected one of: ${list(askers)})`));
  });

  const compensable = workflow.steps.flatMap((s) => ('tool' in s && s.compensate ? [s.tool] : []));
  expect.compensated?.forEach((tool, i) => {
    if (!compensable.includes(tool)) out.push(source.at(['expect', 'compensated', i], DiagnosticCode.UnknownTool, `no step of workflow ${workflow.id} compensates ${tool} (expected one of: ${list(compensable)})`));
  });
  return out;
}
