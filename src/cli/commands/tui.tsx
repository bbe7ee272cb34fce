/** @jsxRuntime automatic */
/** @jsxImportSource react */
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { findProjectRoot } from '../../project/find-root.ts';
import type { Workbench } from '../../workbench/index.ts';
import { resolveIdentity } from '../identity.ts';
import { projectOption } from '../project-option.ts';

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
      const root = findProjectRoot(projectOption(command) ?? '.');
      const dbPath = process.env.TOLLGATE_DB ?? `${root}/.tollgate/tollgate.db`;
      // The workbench (definitions, engine, policy, mocks) opens after the first paint, when first needed.
      let opened: Workbench | undefined;
      const workbench = { root, load: async () => (opened ??= (await import('../open-workbench.ts')).openWorkbench(command)) };
      if (!existsSync(dbPath)) await workbench.load(); // a new project: the workbench creates the database
      const identity = await resolveIdentity(o.as, root);
      // The source first: its reader thread starts and runs the first query while ink loads.
      const { WorkbenchSource } = await import('../../tui/workbench-source.ts');
      const source = new WorkbenchSource(workbench, identity, { dbPath });
      const { render } = await (await import('../../tui/load-ink.ts')).loadInk();
      const { App } = await import('../../tui/app.tsx');
      try {
        const app = render(<App identity={identity} source={source} />);
        await app.waitUntilExit();
      } finally {
        await source.close();
        await opened?.close();
      }
    });
}
