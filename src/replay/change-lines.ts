import type { Change } from 'diff';

/**
 * A divergence's diff as lines: `+ ` decided now, `- ` recorded, unchanged text indented by two and
 * cut to `context` lines either side of an ellipsis (the CLI and the TUI print the same lines).
 */
export function changeLines(changes: readonly Change[], context: number): string[] {
  const lines: string[] = [];
  for (const c of changes) {
    const text = c.value.replace(/\n$/, '').split('\n');
    if (c.added) lines.push(...text.map((l) => `+ ${l}`));
    else if (c.removed) lines.push(...text.map((l) => `- ${l}`));
    else lines.push(...(text.length > 2 * context ? [...text.slice(0, context), '…', ...text.slice(-context)] : text).map((l) => `  ${l}`));
  }
  return lines;
}
