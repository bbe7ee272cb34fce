import type { Command } from 'commander';
import { UsageError } from '../shared/index.ts';

/** The global `--project` value, read from the root command. */
export function projectOption(command: Command): string | undefined {
  let root = command;
  while (root.parent) root = root.parent;
  return root.opts<{ project?: string }>().project;
}

/** The global `--init`: start a new database where an empty (0-byte) file is. */
export function initOption(command: Command): boolean {
  let root = command;
  while (root.parent) root = root.parent;
  return root.opts<{ init?: boolean }>().init === true;
}

/** `TOLLGATE_BUSY_TIMEOUT_MS`: how long a database write waits for another process's lock. */
export function busyTimeout(): { busyTimeoutMs?: number } {
  const raw = process.env.TOLLGATE_BUSY_TIMEOUT_MS;
  if (raw === undefined || raw === '') return {};
  const ms = Number(raw);
  if (!Number.isInteger(ms) || ms < 0) throw new UsageError(`TOLLGATE_BUSY_TIMEOUT_MS expects a whole number of milliseconds, got "${raw}"`);
  return { busyTimeoutMs: ms };
}
