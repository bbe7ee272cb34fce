import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { TollgateError, UsageError } from '../../shared/index.ts';
import { approvalText, approvalView } from '../../approvals/index.ts';
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
        const list = wb.approvals.list(o.all ? {} : { status: 'pending' }).map((a) => approvalView(a, wb.runs.get(a.runId)?.workflow ?? null));
        if (o.json) return void process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
        if (list.length === 0) return void process.stdout.write('no pending approvals\n');
        for (const v of list) process.stdout.write(`${approvalText(v, { short: true }).join('\n')}\n\n`);
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
          // Schema, record, editable arguments and the whole policy check: the workbench vets every edit.
          editedArgs = readJsonObject(o.edit);
        }
        await decide(wb, id, o.as, editedArgs ? 'edit' : 'approve', { ...(o.comment ? { comment: o.comment } : {}), ...(editedArgs ? { editedArgs } : {}) });
      });
    });

  program
    .command('reveal')
    .description('show an approval with the vaulted values its rule lets your role see (audited)')
    .argument('<approval>', 'approval ID or unique prefix')
    .requiredOption('--as <name>', 'who looks (a person in tollgate.yaml with the rule\'s reveal role)')
    .requiredOption('--reason <text>', 'why you need the values (kept in the audit log)')
    .option('--json', 'print JSON')
    .action(async (id: string, o: { as: string; reason: string; json?: boolean }, command: Command) => {
      await withWorkbench(command, (wb) => {
        const verdict = wb.reveal(id, o.as, o.reason);
        if (!verdict.ok) throw new TollgateError(verdict.code as `TG_${string}`, `refused: ${verdict.reason}`);
        if (o.json) return void process.stdout.write(`${JSON.stringify({ ...verdict.view, revealed: verdict.placeholders }, null, 2)}\n`);
        process.stdout.write(`${approvalText(verdict.view).join('\n')}\n  revealed ${verdict.placeholders.join(', ') || 'nothing (no such values in this approval)'} to ${o.as}; audited\n`);
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
