import picomatch from 'picomatch';
import type { PolicyPack } from '../workflow/index.ts';
import type { PolicyDecision, ToolRequest } from './decision.ts';
import { evaluateRule } from './rules.ts';
import { DATA_CLASS_ENTITY } from './recognizers/index.ts';
import { checkOutbound, findUrls } from './outbound/index.ts';

const matchers = new Map<string, (s: string) => boolean>();
function matches(pattern: string, tool: string): boolean {
  let m = matchers.get(pattern);
  if (!m) matchers.set(pattern, (m = picomatch(pattern, { dot: true })));
  return m(tool);
}

/** A rule of a pack as the check met it, by its place in the pack. */
export type RuleRef =
  | { readonly kind: 'deny' | 'allow'; readonly pattern: string; readonly env?: ToolRequest['env'] }
  | { readonly kind: 'constraint' | 'approval' | 'data.forbid' | 'result'; readonly index: number }
  | { readonly kind: 'outbound' | 'taint' }
  | { readonly kind: 'writes'; readonly env: ToolRequest['env'] };

export type RuleSide = 'blocked' | 'allowed' | 'holds' | 'violated' | 'required' | 'not_required' | 'withheld' | 'escalated' | 'sandboxed' | 'live';

/** Told each rule a check evaluated and the side it came out on (policy coverage); never changes the decision. */
export type RuleObserver = (pack: PolicyPack, rule: RuleRef, side: RuleSide) => void;

/**
 * The single policy check every tool call passes, pure: forbidden data flows, deny lists, allow
 * lists, the calling agent's own tools, links in outbound text, argument constraints, approval
 * rules and the write barrier, across all the workflow's packs. The most restrictive outcome wins (deny > escalate > require_approval > allow).
 * An approver's edit is a new proposed action and passes this same check again.
 */
export function evaluateToolCall(request: ToolRequest, packs: readonly PolicyPack[], observe?: RuleObserver): PolicyDecision {
  const ref = (p: PolicyPack) => `${p.id}@${p.version}`;
  for (const p of packs) {
    for (const [i, rule] of p.data.forbid.entries()) {
      if (!rule.to_tools.some((pattern) => matches(pattern, request.tool))) continue;
      const hit = rule.classes.find((c) => request.dataEntities?.has(DATA_CLASS_ENTITY[c]));
      observe?.(p, { kind: 'data.forbid', index: i }, hit ? 'blocked' : 'allowed');
      if (hit) return deny(ref(p), `data.forbid[${i}]`, `${hit} data may not flow to ${request.tool} (${ref(p)})`);
    }
  }
  for (const p of packs) {
    const envTools = p.environments[request.env]?.tools;
    const denied = [...p.tools.deny, ...(envTools?.deny ?? [])].find((pattern) => matches(pattern, request.tool));
    if (denied) observe?.(p, { kind: 'deny', pattern: denied, ...(p.tools.deny.includes(denied) ? {} : { env: request.env }) }, 'blocked');
    if (denied) return deny(ref(p), `deny:${denied}`, `tool ${request.tool} is denied by "${denied}" in ${ref(p)}`);
    const allow = [...p.tools.allow, ...(envTools?.allow ?? [])];
    if (allow.length > 0 && !allow.some((pattern) => matches(pattern, request.tool))) {
      return deny(ref(p), 'allow-list', `tool ${request.tool} is not on the allow list of ${ref(p)}${envTools ? ` (${request.env})` : ''}`);
    }
    if (observe) observeAllowed(observe, p, request);
  }
  // After the packs' lists, so a tool a pack denies is blamed on that rule, not on the agent's tool list.
  if (request.offeredTools && !request.offeredTools.includes(request.tool)) {
    return deny(null, 'agent-tools', `tool ${request.tool} was not offered to this agent`);
  }

  const outbound = outboundDecision(request, packs, observe);
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
      observe?.(p, { kind: 'constraint', index: i }, verdict.holds ? 'holds' : 'violated');
      if (verdict.holds) return;
      const ruleId = c.id ?? `constraints[${i}]`;
      const reason = `${c.message ?? `rule "${c.rule}" does not hold`}${verdict.error ? ` (${verdict.error})` : ''}`;
      const effect = c.on_violation === 'block' ? 'deny' : c.on_violation;
      consider({ effect, policy: ref(p), ruleId, reason, dryRun: false, ...(effect === 'require_approval' ? { approval: { approvers: c.approvers ?? 1, role: c.role ?? null } } : {}) });
    });
    // CaMeL-style taint: a model that read untrusted text chose these arguments.
    if (request.offeredTools && p.taint?.require_approval_for.some((pattern) => matches(pattern, request.tool))) {
      observe?.(p, { kind: 'taint' }, 'required');
      consider({ effect: 'require_approval', policy: ref(p), ruleId: 'taint', dryRun: false, reason: `${request.tool} called by a model that read untrusted data needs approval`, approval: { approvers: 1, role: null } });
    }
    p.approvals.forEach((a, i) => {
      if (!matches(a.tool, request.tool)) return;
      if (a.when !== undefined && !evaluateRule(a.when, vars).holds) return void observe?.(p, { kind: 'approval', index: i }, 'not_required');
      observe?.(p, { kind: 'approval', index: i }, 'required');
      consider({
        effect: 'require_approval', policy: ref(p), ruleId: a.id ?? `approvals[${i}]`, dryRun: false,
        reason: a.reason ?? `${request.tool}${a.when ? ` where ${a.when}` : ''} needs ${a.approvers} approval${a.approvers > 1 ? 's' : ''}${a.role ? ` by ${a.role}` : ''}`,
        approval: { approvers: a.approvers, role: a.role ?? null },
      });
    });
  }
  const dryRun = request.sideEffect === 'write' && writesAreSandboxed(request.env, packs);
  if (observe && request.sideEffect === 'write' && (!strongest || strongest.effect === 'require_approval')) observeWrites(observe, packs, request.env);
  if (strongest) return { ...strongest, dryRun: strongest.effect === 'deny' ? false : dryRun };
  return { effect: 'allow', policy: packs[0] ? ref(packs[0]) : null, ruleId: null, reason: dryRun ? `allowed; writes are sandboxed in ${request.env}` : 'allowed', dryRun };
}

/** What a policy rule's CEL sees. */
export function policyVars(request: ToolRequest): Record<string, unknown> {
  return { args: request.args, tool: request.tool, run: { id: request.runId, env: request.env, workflow: request.workflow }, event: request.event ?? {} };
}

/** Links are checked against the union of the packs' allowlists; data in a URL is never allowed. */
function outboundDecision(request: ToolRequest, packs: readonly PolicyPack[], observe?: RuleObserver): PolicyDecision | undefined {
  const declaring = packs.filter((p) => p.outbound?.tools.some((pattern) => matches(pattern, request.tool)));
  const allowHosts = declaring.length ? declaring.flatMap((p) => p.outbound!.allow_hosts) : undefined;
  const violation = checkOutbound(request.args, allowHosts);
  if (observe && (violation || hasLink(request.args))) for (const p of declaring) observe(p, { kind: 'outbound' }, violation ? 'blocked' : 'allowed');
  if (!violation) return undefined;
  const p = declaring[0] ?? packs[0];
  return deny(p ? `${p.id}@${p.version}` : null, violation.ruleId, violation.reason);
}

/** Outside prod, writes are sandboxed unless every pack says `writes: live` for the environment. */
export function writesAreSandboxed(env: ToolRequest['env'], packs: readonly PolicyPack[]): boolean {
  if (packs.length === 0) return env !== 'prod';
  return packs.some((p) => (p.environments[env]?.writes ?? (env === 'prod' ? 'live' : 'sandbox')) === 'sandbox');
}

/** Every entry of a pack's allow lists that let this tool through. */
function observeAllowed(observe: RuleObserver, p: PolicyPack, request: ToolRequest): void {
  for (const pattern of p.tools.allow) if (matches(pattern, request.tool)) observe(p, { kind: 'allow', pattern }, 'allowed');
  for (const pattern of p.environments[request.env]?.tools?.allow ?? []) if (matches(pattern, request.tool)) observe(p, { kind: 'allow', pattern, env: request.env }, 'allowed');
}

/** A write passed the check: each pack that names the environment had its say on the barrier. */
function observeWrites(observe: RuleObserver, packs: readonly PolicyPack[], env: ToolRequest['env']): void {
  for (const p of packs) {
    const writes = p.environments[env]?.writes;
    if (writes) observe(p, { kind: 'writes', env }, writes === 'sandbox' ? 'sandboxed' : 'live');
  }
}

const hasLink = (value: unknown): boolean =>
  typeof value === 'string' ? findUrls(value).length > 0 : Array.isArray(value) ? value.some(hasLink) : value !== null && typeof value === 'object' ? Object.values(value).some(hasLink) : false;

function deny(policy: string | null, ruleId: string, reason: string): PolicyDecision {
  return { effect: 'deny', policy, ruleId, reason, dryRun: false };
}

const RANK = { allow: 0, require_approval: 1, escalate: 2, deny: 3 } as const;
const rank = (d: PolicyDecision) => RANK[d.effect];
