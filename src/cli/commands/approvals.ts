import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { TollgateError, UsageError } from '../../shared/index.ts';
import { validateToolArgs } from '../../tools/index.ts';
import { withWorkbench } from '../open-workbench.ts';
import { printRun } from './run.ts';

export function registerApprovalCommands(program: Command): void {
  program
    .command('approvals')
    .description('list pending approvals with their context')
    .option('--all', 'include decided approvals')
    .option('--json', 'print JSON')
    .action(async (o: { all?: boolean; json?: boolean }, command: Command) => {
      await withWorkbench(command, (wb) => {
        const list = wb.approvals.list(o.all ? {} : { status: 'pending' });
        if (o.json) return void process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
        if (list.length === 0) return void process.stdout.write('no pending approvals\n');
        for (const a of list) {
          const run = wb.runs.get(a.runId);
          const got = a.decisions.filter((d) => d.decision !== 'deny').length;
          process.stdout.write(
            [
              `${a.approvalId}  ${a.status}  run ${a.runId} (${run?.workflow ?? '?'}) step ${a.stepKey}`,
              `  action:   ${a.action.summary}`,
              `  why:      ${a.reason}${a.policyRef ? ` [${a.policyRef}${a.context.rule ? ` ${String(a.context.rule)}` : ''}]` : ''}`,
              `  needs:    ${a.requiredApprovals} approval(s)${a.role ? ` by role ${a.role}` : ''}; ${got} so far${a.decisions.length ? ` (${a.decisions.map((d) => `${d.principal}: ${d.decision}`).join(', ')})` : ''}`,
              ...contextLines(a.context),
              `  started by ${a.requestedBy}; requested ${new Date(a.requestedAt).toISOString()}`,
              '',
            ].join('\n'),
          );
        }
      });
    });

  program
    .command('approve')
    .description('approve a pending action (with --edit, approve edited arguments instead)')
    .argument('<approval>', 'approval ID or unique prefix')
    .requiredOption('--as <name>', 'who approves (a person in tollgate.yaml)')
    .option('--edit <file>', 'JSON file with the arguments to run instead')
    .option('--comment <text>', 'a note kept with the decision')
    .action(async (id: string, o: { as: string; edit?: string; comment?: string }, command: Command) => {
      await withWorkbench(command, async (wb) => {
        let editedArgs: Record<string, unknown> | undefined;
        if (o.edit) {
          const approval = wb.approvals.find(id)[0];
          editedArgs = readJsonObject(o.edit);
          const connector = approval?.action.tool ? wb.definitions.tools.find((t) => t.value.name === approval.action.tool)?.value : undefined;
          const problems = connector ? validateToolArgs(connector, editedArgs) : [];
          if (problems.length > 0) throw new UsageError(`${o.edit}: the edited arguments do not match ${connector!.name}'s schema: ${problems.join('; ')}`);
        }
        await decide(wb, id, o.as, editedArgs ? 'edit' : 'approve', { ...(o.comment ? { comment: o.comment } : {}), ...(editedArgs ? { editedArgs } : {}) });
      });
    });

  program
    .command('deny')
    .description('deny a pending action')
    .argument('<approval>', 'approval ID or unique prefix')
    .requiredOption('--as <name>', 'who denies (a person in tollgate.yaml)')
    .requiredOption('--reason <text>', 'why')
    .action(async (id: string, o: { as: string; reason: string }, command: Command) => {
      await withWorkbench(command, (wb) => decide(wb, id, o.as, 'deny', { comment: o.reason }));
    });
}

async function decide(wb: Parameters<typeof printRun>[0], id: string, who: string, decision: 'approve' | 'deny' | 'edit', extra: { comment?: string; editedArgs?: Record<string, unknown> }): Promise<void> {
  const { verdict, run } = await wb.decide(id, who, decision, extra);
  if (!verdict.ok) throw new TollgateError(verdict.code as `TG_${string}`, `refused: ${verdict.reason}`);
  if (!run) {
    process.stdout.write(`recorded ${decision} by ${who}; ${verdict.remaining} more approval(s) needed\n`);
    return;
  }
  process.stdout.write(`recorded ${decision} by ${who}; the run continues\n`);
  printRun(wb, run, false);
}

function readJsonObject(file: string): Record<string, unknown> {
  try {
    const value = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch (error) {
    throw new UsageError(`${file}: ${(error as Error).message}`);
  }
  throw new UsageError(`${file}: expected a JSON object of arguments`);
}

/** What the run had seen when it asked: the event and each finished step's output, shortened. */
function contextLines(context: Record<string, unknown>): string[] {
  const short = (v: unknown) => {
    const text = JSON.stringify(v) ?? '';
    return text.length > 160 ? `${text.slice(0, 159)}…` : text;
  };
  const lines: string[] = [];
  if (context.event) lines.push(`  event:    ${short(context.event)}`);
  for (const [step, value] of Object.entries((context.steps ?? {}) as Record<string, { output: unknown }>)) lines.push(`  ${step}:`.padEnd(12) + short(value.output));
  return lines;
}
