import type { Command } from 'commander';

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
