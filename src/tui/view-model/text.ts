/** Cuts text to a width with an ellipsis and pads it; never wraps. */
export function fit(text: string, width: number): string {
  const flat = text.replace(/[\r\n\t]+/g, ' ');
  if (width <= 0) return '';
  return flat.length <= width ? flat.padEnd(width) : `${flat.slice(0, Math.max(0, width - 1))}…`;
}

/** The visible slice of a list of `total` items so that `cursor` stays on screen. */
export function windowFor(total: number, cursor: number, height: number): { start: number; end: number } {
  const h = Math.max(1, height);
  const start = Math.min(Math.max(0, cursor - Math.floor(h / 2)), Math.max(0, total - h));
  return { start, end: Math.min(total, start + h) };
}

/** A value as indented JSON lines (the form the detail panes show data in). */
export function jsonLines(value: unknown, indent = '  '): string[] {
  return (JSON.stringify(value, null, 2) ?? 'undefined').split('\n').map((l) => indent + l);
}

/** Lines of data that came from outside (an event, a tool): marked with ┊ in their first column. */
export const untrustedLines = (lines: readonly string[]) => lines.map((l) => `┊${l.slice(1)}`);

export const usd = (x: number) => `$${x.toFixed(6)}`;
