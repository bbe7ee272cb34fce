/** @jsxRuntime automatic */
/** @jsxImportSource react */
import type { Command } from 'commander';
import { withWorkbench } from '../open-workbench.ts';

export function registerTuiCommand(program: Command): void {
  program
    .command('tui')
    .description('the interactive workbench: runs, step-through timelines, the approvals inbox')
    .option('--as <name>', 'who you are when approving (a person in tollgate.yaml)', process.env.USER ?? 'me')
    .action(async (o: { as: string }, command: Command) => {
      // ink renders nothing but the last frame when it thinks it runs in CI; a person at a terminal
      // is not CI, whatever the environment says. ink reads this when it is first imported.
      if (process.stdout.isTTY) delete process.env.CI;
      const [{ render }, { App }] = await Promise.all([import('ink'), import('../../tui/index.ts')]);
      await withWorkbench(command, async (wb) => {
        const app = render(
          <App
            identity={o.as}
            data={{
              runs: () => wb.runs.list({ limit: 5000 }),
              journal: (id) => wb.journal(id),
              pendingApprovals: () => wb.approvals.list({ status: 'pending' }),
              decide: async (id, decision, comment) => (await wb.decide(id, o.as, decision, comment ? { comment } : {})).verdict,
            }}
          />,
        );
        await app.waitUntilExit();
      });
    });
}
