import type { Command } from 'commander';

/** The global `--project` value, read from the root command. */
export function projectOption(command: Command): string | undefined {
  let root = command;
  while (root.parent) root = root.parent;
  return root.opts<{ project?: string }>().project;
}
