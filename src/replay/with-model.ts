import { approvalIdFor, executeRun, type ApprovalInbox, type RunDefinitions, type RunResult } from '../engine/index.ts';
import type { ModelClient } from '../core/index.ts';
import { PiiVault } from '../policy/index.ts';
import { digestOf, EffectFailed, systemClock } from '../shared/index.ts';
import type { JournalRow } from '../core/index.ts';
import type { Recording } from '../trace/index.ts';
import type { ToolOutcome } from '../tools/index.ts';

export interface ModelReplay {
  readonly recorded: { status: string; endState: string | null; tools: string[] };
  readonly replayed: RunResult & { tools: string[] };
  readonly journal: JournalRow[];
}

/**
 * "What would this model have done on that incident?": the run again with `model` answering live
 * and every tool answered from the recording (matched by tool and arguments). A call the recording
 * never saw fails instead of reaching anything; writes never leave.
 */
export async function replayWithModel(recording: Recording, defs: RunDefinitions, model: ModelClient, modelName: string): Promise<ModelReplay> {
  const answers = new Map<string, ToolOutcome[]>();
  const rows = recording.journal;
  rows.forEach((row, i) => {
    if (row.kind !== 'tool.started') return;
    const done = rows.slice(i + 1).find((r) => r.kind === 'tool.done' && r.stepKey === row.stepKey);
    const output = (done?.data as { output?: ToolOutcome } | undefined)?.output;
    if (!output) return;
    const input = (row.data as { input: { tool: string; args: unknown } }).input;
    const key = digestOf({ tool: input.tool, args: input.args });
    answers.set(key, [...(answers.get(key) ?? []), output]);
  });
  const recordedDecisions = new Map(
    rows.filter((r) => r.kind === 'approval.done' && (r.data as { output?: unknown }).output).map((r) => [r.stepKey, (r.data as { output: ReturnType<ApprovalInbox['state']> }).output]),
  );
  const journal: JournalRow[] = [];
  const { run } = recording;
  const result = await executeRun(
    defs,
    { runId: run.runId, correlationId: run.correlationId, env: run.env as 'dev', event: run.event as Record<string, unknown>, startedAt: Date.now(), requestedBy: run.requestedBy, modelOverride: modelName },
    {
      model,
      sendTool: async (call) => {
        const queue = answers.get(digestOf({ tool: call.connector.name, args: call.args }));
        const answer = queue && (queue.length > 1 ? queue.shift() : queue[0]);
        // A write the recording never saw is shown, not sent: the path can go on.
        if (!answer && call.connector.side_effect === 'write') return { status: 0, dryRun: true, body: { dry_run: true, not_recorded: true, would_send: { tool: call.connector.name, args: call.args } } };
        if (!answer) throw new EffectFailed({ code: 'TG_REPLAY_UNRECORDED', message: `the recording has no reply for ${call.connector.name} with these arguments: the new model read something the original run never did`, retryable: false });
        return answer;
      },
      approvals: { open: () => undefined, state: (id) => recordedDecisions.get([...recordedDecisions.keys()].find((k) => approvalIdFor(run.runId, k) === id) ?? '') ?? { status: 'pending', approvers: [] } },
      clock: systemClock,
      vault: PiiVault.overRecording(),
    },
    [],
    (row) => void journal.push(row),
  );
  const toolsOf = (list: readonly JournalRow[]) => list.filter((r) => r.kind === 'tool.started' && r.attempt === 1).map((r) => (r.data as { input: { tool: string } }).input.tool);
  return {
    recorded: { status: run.status, endState: run.endState, tools: toolsOf(rows) },
    replayed: { ...result, tools: toolsOf(journal) },
    journal,
  };
}
