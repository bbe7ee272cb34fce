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
    ...crashHook(process.env.TOLLGATE_TEST_CRASH_AT),
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

/**
 * Test hook for the crash suite: `TOLLGATE_TEST_CRASH_AT=before:7` (or `after:7`) kills this process
 * with SIGKILL just before (after) journal row 7 of a run is written — a real, uncatchable crash at
 * an exact point.
 */
function crashHook(spec: string | undefined): { onJournalWrite?: (phase: 'before' | 'after', seq: number) => void } {
  const match = spec ? /^(before|after):(\d+)$/.exec(spec) : null;
  if (!match) return {};
  const [, when, at] = match;
  return {
    onJournalWrite: (phase, seq) => {
      if (phase === when && seq === Number(at)) process.kill(process.pid, 'SIGKILL');
    },
  };
}

