import { checkExpression } from './check-expressions.ts';
import { DiagnosticCode, type Diagnostic } from './diagnostic.ts';
import type { Loaded } from './load-definitions.ts';
import type { PolicyPack } from './policy-schema.ts';
import type { PathSegment } from './source-file.ts';

const isGlob = (pattern: string) => pattern.includes('*');

/** A policy's tool names must name connectors (globs may match none); its CEL rules must compile. */
export function checkPolicy({ value: policy, source }: Loaded<PolicyPack>, tools: ReadonlySet<string>): Diagnostic[] {
  const out: Diagnostic[] = [];
  const checkName = (path: PathSegment[], name: string) => {
    if (!isGlob(name) && !tools.has(name)) {
      out.push(source.at(path, DiagnosticCode.UnknownTool, `policy names tool "${name}" that no connector defines (expected a tool in workflows/tools/ or a glob such as "payments.*")`));
    }
  };
  policy.tools.allow.forEach((t, i) => checkName(['tools', 'allow', i], t));
  policy.tools.deny.forEach((t, i) => checkName(['tools', 'deny', i], t));
  for (const [env, settings] of Object.entries(policy.environments)) {
    settings.tools?.allow.forEach((t, i) => checkName(['environments', env, 'tools', 'allow', i], t));
    settings.tools?.deny.forEach((t, i) => checkName(['environments', env, 'tools', 'deny', i], t));
  }
  policy.constraints.forEach((c, i) => {
    checkName(['constraints', i, 'tool'], c.tool);
    out.push(...checkExpression(source, ['constraints', i, 'rule'], c.rule, 'policy'));
  });
  policy.approvals.forEach((a, i) => {
    checkName(['approvals', i, 'tool'], a.tool);
    if (a.when !== undefined) out.push(...checkExpression(source, ['approvals', i, 'when'], a.when, 'policy'));
  });
  policy.results.forEach((r, i) => {
    checkName(['results', i, 'tool'], r.tool);
    out.push(...checkExpression(source, ['results', i, 'rule'], r.rule, 'result'));
  });
  policy.data.forbid.forEach((f, i) => f.to_tools.forEach((t, j) => checkName(['data', 'forbid', i, 'to_tools', j], t)));
  policy.taint?.require_approval_for.forEach((t, i) => checkName(['taint', 'require_approval_for', i], t));
  return out;
}
