import type { JournalRow } from '../store/index.ts';

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

/** Everything the run was told by the world: the event and every tool reply. */
export function evidence(event: unknown, journal: readonly JournalRow[]): unknown[] {
  return [event, ...journal.filter((r) => r.kind === 'tool.done' && (r.data as { output?: unknown }).output).map((r) => (r.data as { output: { body: unknown } }).output.body)];
}
