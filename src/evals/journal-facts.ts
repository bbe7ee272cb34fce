import type { Source } from '../grounding/index.ts';
import type { JournalRow } from '../core/index.ts';

/** Facts about a run read off its journal, shared by the scorers. */
export function toolCalls(journal: readonly JournalRow[]): { tool: string; args: unknown; executed: boolean; dryRun: boolean; stepKey: string }[] {
  const calls: { tool: string; args: unknown; executed: boolean; dryRun: boolean; stepKey: string }[] = [];
  journal.forEach((row, i) => {
    if (row.kind !== 'tool.started' || row.attempt !== 1) return;
    const input = (row.data as { input: { tool: string; args: unknown } }).input;
    const done = journal.slice(i + 1).filter((r) => r.kind === 'tool.done' && r.stepKey === row.stepKey).at(-1);
    const out = done?.data as { output?: { dryRun?: boolean }; error?: unknown } | undefined;
    calls.push({ tool: input.tool, args: input.args, executed: Boolean(out?.output) && !out?.output?.dryRun, dryRun: out?.output?.dryRun === true, stepKey: row.stepKey });
  });
  return calls;
}

export function denials(journal: readonly JournalRow[]): { tool: string; rule: string; policy: string | null }[] {
  return journal
    .filter((r) => r.kind === 'policy.decision' && (r.data as { effect: string }).effect === 'deny')
    .map((r) => {
      const d = r.data as { tool: string; ruleId: string; policy: string | null };
      return { tool: d.tool, rule: d.ruleId, policy: d.policy };
    });
}

export function finalOutput(journal: readonly JournalRow[]): Record<string, unknown> | undefined {
  const end = journal.findLast((r) => r.kind === 'run.ended');
  return (end?.data as { output?: Record<string, unknown> } | undefined)?.output;
}

/** Outputs of agent steps: the answers a model gave. */
export function agentAnswers(journal: readonly JournalRow[]): unknown[] {
  const agentSteps = new Set(journal.filter((r) => r.kind === 'step.entered' && (r.data as { kind: string }).kind === 'agent').map((r) => r.stepKey));
  return journal.filter((r) => r.kind === 'step.completed' && agentSteps.has(r.stepKey)).map((r) => (r.data as { output: unknown }).output);
}

/** Everything the run was told by the world, each with who said it: the event and every tool reply. */
export function evidence(event: unknown, journal: readonly JournalRow[], writeTools: ReadonlySet<string> = new Set()): Source[] {
  const replies = journal.filter((r) => r.kind === 'tool.done' && (r.data as { output?: unknown }).output).map((r): Source => {
    const body = (r.data as { output: { body: unknown } }).output.body;
    const sent = journal.find((s) => s.kind === 'tool.started' && s.stepKey === r.stepKey)?.data as { input: { tool: string; args: unknown } } | undefined;
    const label = `${sent?.input.tool ?? 'tool'} (step ${r.stepKey})`;
    // What a write tool says back of what the run sent it (a ticket made from the model's own summary) is no evidence.
    return { label, value: sent && writeTools.has(sent.input.tool) ? withoutEchoes(body, leaves(sent.input.args)) : body };
  });
  return [{ label: 'event', value: event }, ...replies];
}

/** A JSON value without the leaves that repeat what was sent: equal values, or strings that contain a sent text. */
export function withoutEchoes(value: unknown, sent: readonly unknown[]): unknown {
  const texts = sent.filter((v): v is string => typeof v === 'string' && v.length >= 12);
  const echoes = (v: unknown) => sent.includes(v) || (typeof v === 'string' && texts.some((t) => v.includes(t)));
  if (Array.isArray(value)) return value.filter((v) => !echoes(v)).map((v) => withoutEchoes(v, sent));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).filter(([, v]) => !echoes(v)).map(([k, v]) => [k, withoutEchoes(v, sent)]));
  return echoes(value) ? null : value;
}

/** Tools whose replies may echo what the run sent them. */
export function writeToolsOf(definitions: { tools: ReadonlyMap<string, { name: string; side_effect: string }> }): Set<string> {
  return new Set([...definitions.tools.values()].filter((t) => t.side_effect === 'write').map((t) => t.name));
}

export function leaves(value: unknown): unknown[] {
  if (Array.isArray(value)) return value.flatMap(leaves);
  if (value && typeof value === 'object') return Object.values(value).flatMap(leaves);
  return [value];
}

/** Calls a policy rule stopped: denied, or escalated (the run handed to a person instead). */
export function stops(journal: readonly JournalRow[]): { tool: string; rule: string; policy: string | null; effect: 'deny' | 'escalate' }[] {
  return journal
    .filter((r) => r.kind === 'policy.decision' && ['deny', 'escalate'].includes((r.data as { effect: string }).effect))
    .map((r) => {
      const d = r.data as { tool: string; ruleId: string; policy: string | null; effect: 'deny' | 'escalate' };
      return { tool: d.tool, rule: d.ruleId, policy: d.policy?.replace(/@.*$/, '') ?? null, effect: d.effect };
    });
}

/** Tool calls each agent's own model made (keyed `<agent step>/callN`), by agent name. */
export function agentToolCalls(journal: readonly JournalRow[]): Map<string, string[]> {
  const agentOf = new Map<string, string>();
  for (const r of journal) if (r.kind === 'step.entered' && (r.data as { agent?: string }).agent) agentOf.set(r.stepKey, (r.data as { agent: string }).agent);
  const out = new Map<string, string[]>([...new Set(agentOf.values())].map((a) => [a, []]));
  for (const r of journal) {
    if (r.kind !== 'policy.decision') continue;
    const m = /^(.+)\/call\d+$/.exec(r.stepKey);
    const agent = m ? agentOf.get(m[1]!) : undefined;
    if (agent) out.get(agent)!.push((r.data as { tool: string }).tool);
  }
  return out;
}

/** Approvals the run asked for, in order: the rule that asked, the quorum, and how each was settled. */
export function approvalsAsked(journal: readonly JournalRow[]): { key: string; tool: string | null; rule: string | null; quorum: number; role: string | null; status: string; approvers: string[] }[] {
  return journal
    .filter((r) => r.kind === 'approval.requested')
    .map((r) => {
      const asked = r.data as { approvers: number; role: string | null };
      // The decision that asked is journaled under the same key (or `…/editedN` for an edit round's re-check).
      const base = r.stepKey.replace(/\/edit(\d+)$/, '/edited$1');
      const decision = journal.findLast((d) => d.kind === 'policy.decision' && d.stepKey === base && (d.data as { effect: string }).effect === 'require_approval')?.data as { tool: string; ruleId: string } | undefined;
      const done = journal.findLast((d) => d.kind === 'approval.done' && d.stepKey === r.stepKey)?.data as { output?: { status: string; approvers?: string[] } } | undefined;
      const stepRule = decision ? null : `step:${r.stepKey.replace(/#\d+$/, '')}`;
      return {
        key: r.stepKey, tool: decision?.tool ?? null, rule: decision?.ruleId ?? stepRule, quorum: asked.approvers, role: asked.role,
        status: done?.output?.status ?? 'pending', approvers: [...new Set(done?.output?.approvers ?? [])],
      };
    });
}

/** Write tools whose effect a compensation undid (the compensation executed, not a dry run). */
export function compensatedTools(journal: readonly JournalRow[]): string[] {
  const calls = toolCalls(journal);
  return calls
    .filter((c) => c.stepKey.startsWith('compensate:') && c.executed)
    .flatMap((c) => calls.filter((w) => w.stepKey === c.stepKey.slice('compensate:'.length)).map((w) => w.tool));
}
