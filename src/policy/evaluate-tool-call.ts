import picomatch from 'picomatch';
import type { PolicyPack } from '../workflow/index.ts';
import type { PolicyDecision, ToolRequest } from './decision.ts';
import { evaluateRule } from './rules.ts';
import { DATA_CLASS_ENTITY } from './recognizers/index.ts';
import { checkOutbound } from './outbound/index.ts';

const matchers = new Map<string, (s: string) => boolean>();
function matches(pattern: string, tool: string): boolean {
  let m = matchers.get(pattern);
  if (!m) matchers.set(pattern, (m = picomatch(pattern, { dot: true })));
  return m(tool);
}

/**
 * The single policy check every tool call passes, pure: deny lists, allow lists, links in
 * outbound text, argument constraints, approval rules and the write barrier, across all the
 * workflow's packs. The most restrictive outcome wins (deny > escalate > require_approval > allow).
 * An approver's edit is a new proposed action and passes this same check again.
 */
export function evaluateToolCall(request: ToolRequest, packs: readonly PolicyPack[]): PolicyDecision {
  const ref = (p: PolicyPack) => `${p.id}@${p.version}`;
  if (request.offeredTools && !request.offeredTools.includes(request.tool)) {
    return deny(null, 'agent-tools', `tool ${request.tool} was not offered to this agent`);
  }
  for (const p of packs) {
    for (const [i, rule] of p.data.forbid.entries()) {
      if (!rule.to_tools.some((pattern) => matches(pattern, request.tool))) continue;
      const hit = rule.classes.find((c) => request.dataEntities?.has(DATA_CLASS_ENTITY[c]));
      if (hit) return deny(ref(p), `data.forbid[${i}]`, `${hit} data may not flow to ${request.tool} (${ref(p)})`);
    }
  }
  for (const p of packs) {
    const envTools = p.environments[request.env]?.tools;
    const denied = [...p.tools.deny, ...(envTools?.deny ?? [])].find((pattern) => matches(pattern, request.tool));
    if (denied) return deny(ref(p), `deny:${denied}`, `tool ${request.tool} is denied by "${denied}" in ${ref(p)}`);
    const allow = [...p.tools.allow, ...(envTools?.allow ?? [])];
    if (allow.length > 0 && !allow.some((pattern) => matches(pattern, request.tool))) {
      return deny(ref(p), 'allow-list', `tool ${request.tool} is not on the allow list of ${ref(p)}${envTools ? ` (${request.env})` : ''}`);
    }
  }

  const outbound = outboundDecision(request, packs);
  if (outbound) return outbound;

  let strongest: PolicyDecision | undefined;
  const consider = (d: PolicyDecision) => {
    if (!strongest || rank(d) > rank(strongest) || (d.effect === 'require_approval' && strongest.effect === 'require_approval' && (d.approval?.approvers ?? 0) > (strongest.approval?.approvers ?? 0))) strongest = d;
  };
  const vars = policyVars(request);
  for (const p of packs) {
    p.constraints.forEach((c, i) => {
      if (!matches(c.tool, request.tool)) return;
      const verdict = evaluateRule(c.rule, vars);
      if (verdict.holds) return;
      const ruleId = c.id ?? `constraints[${i}]`;
      const reason = `${c.message ?? `rule "${c.rule}" does not hold`}${verdict.error ? ` (${verdict.error})` : ''}`;
      const effect = c.on_violation === 'block' ? 'deny' : c.on_violation;
      consider({ effect, policy: ref(p), ruleId, reason, dryRun: false, ...(effect === 'require_approval' ? { approval: { approvers: 1, role: null } } : {}) });
    });
    // CaMeL-style taint: a model that read untrusted text chose these arguments.
    if (request.offeredTools && p.taint?.require_approval_for.some((pattern) => matches(pattern, request.tool))) {
      consider({ effect: 'require_approval', policy: ref(p), ruleId: 'taint', dryRun: false, reason: `${request.tool} called by a model that read untrusted data needs approval`, approval: { approvers: 1, role: null } });
    }
    p.approvals.forEach((a, i) => {
      if (!matches(a.tool, request.tool)) return;
      if (a.when !== undefined && !evaluateRule(a.when, vars).holds) return;
      consider({
        effect: 'require_approval', policy: ref(p), ruleId: a.id ?? `approvals[${i}]`, dryRun: false,
        reason: a.reason ?? `${request.tool}${a.when ? ` where ${a.when}` : ''} needs ${a.approvers} approval${a.approvers > 1 ? 's' : ''}${a.role ? ` by ${a.role}` : ''}`,
        approval: { approvers: a.approvers, role: a.role ?? null },
      });
    });
  }
  const dryRun = request.sideEffect === 'write' && writesAreSandboxed(request.env, packs);
  if (strongest) return { ...strongest, dryRun: strongest.effect === 'deny' ? false : dryRun };
  return { effect: 'allow', policy: packs[0] ? ref(packs[0]) : null, ruleId: null, reason: dryRun ? `allowed; writes are sandboxed in ${request.env}` : 'allowed', dryRun };
}

/** What a policy rule's CEL sees. */
export function policyVars(request: ToolRequest): Record<string, unknown> {
  return { args: request.args, tool: request.tool, run: { id: request.runId, env: request.env, workflow: request.workflow }, event: request.event ?? {} };
}

/** Links are checked against the union of the packs' allowlists; data in a URL is never allowed. */
function outboundDecision(request: ToolRequest, packs: readonly PolicyPack[]): PolicyDecision | undefined {
  const declaring = packs.filter((p) => p.outbound?.tools.some((pattern) => matches(pattern, request.tool)));
  const allowHosts = declaring.length ? declaring.flatMap((p) => p.outbound!.allow_hosts) : undefined;
  const violation = checkOutbound(request.args, allowHosts);
  if (!violation) return undefined;
  const p = declaring[0] ?? packs[0];
  return deny(p ? `${p.id}@${p.version}` : null, violation.ruleId, violation.reason);
}

/** Outside prod, writes are sandboxed unless every pack says `writes: live` for the environment. */
export function writesAreSandboxed(env: ToolRequest['env'], packs: readonly PolicyPack[]): boolean {
  if (packs.length === 0) return env !== 'prod';
  return packs.some((p) => (p.environments[env]?.writes ?? (env === 'prod' ? 'live' : 'sandbox')) === 'sandbox');
}

function deny(policy: string | null, ruleId: string, reason: string): PolicyDecision {
  return { effect: 'deny', policy, ruleId, reason, dryRun: false };
}

const RANK = { allow: 0, require_approval: 1, escalate: 2, deny: 3 } as const;
const rank = (d: PolicyDecision) => RANK[d.effect];
