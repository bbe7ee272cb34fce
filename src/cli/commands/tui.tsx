/** @jsxRuntime automatic */
/** @jsxImportSource react */
import type { Command } from 'commander';
import { resolveIdentity } from '../identity.ts';
import { withWorkbench } from '../open-workbench.ts';

export function registerTuiCommand(program: Command): void {
  program
    .command('tui')
    .description('the interactive workbench: runs, step-through timelines, the approvals inbox, eval results')
    .option('--as <name>', 'who you are when approving (a person in tollgate.yaml); default: identity in .tollgate/config.yaml, else $USER')
    .action(async (o: { as?: string }, command: Command) => {
      // ink renders nothing but the last frame when it thinks it runs in CI; a person at a terminal
      // is not CI, whatever the environment says. ink reads this when it is first imported.
      if (process.stdout.isTTY) delete process.env.CI;
      // chalk does not read NO_COLOR (no-color.org); FORCE_COLOR=0 is its way of saying the same.
      if (process.env.NO_COLOR) process.env.FORCE_COLOR = '0';
      const [{ render }, { App, WorkbenchSource }] = await Promise.all([import('ink'), import('../../tui/index.ts')]);
      await withWorkbench(command, async (wb) => {
        const identity = resolveIdentity(o.as, wb.root);
        const source = new WorkbenchSource(wb, identity, process.env.TOLLGATE_DB ? { dbPath: process.env.TOLLGATE_DB } : {});
        try {
          const app = render(<App identity={identity} source={source} />);
          await app.waitUntilExit();
        } finally {
          await source.close();
        }
      });
    });
}
