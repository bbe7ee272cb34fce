import type { Command } from 'commander';
import { findProjectRoot } from '../project/index.ts';
import { Workbench } from '../workbench/index.ts';
import { busyTimeout, initOption, projectOption } from './project-option.ts';

/** Opens the project's workbench for a command; `TOLLGATE_DB` and `TOLLGATE_TOOLS_ORIGIN` override. */
export function openWorkbench(command: Command): Workbench {
  const root = findProjectRoot(projectOption(command) ?? '.');
  return Workbench.open(root, {
    init: initOption(command),
    ...busyTimeout(),
    ...(process.env.TOLLGATE_DB ? { dbPath: process.env.TOLLGATE_DB } : {}),
    ...(process.env.TOLLGATE_TOOLS_ORIGIN ? { world: { kind: 'tool-server', origin: process.env.TOLLGATE_TOOLS_ORIGIN } } : {}),
  });
}

/** Runs `fn` with a workbench and always closes it. */
export async function withWorkbench<T>(command: Command, fn: (wb: Workbench) => Promise<T> | T): Promise<T> {
  const wb = openWorkbench(command);
  try {
    return await fn(wb);
  } finally {
    await wb.close();
  }
}
