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

/**
 * Lines folded to `width` so nothing is cut: at the last space that fits, else mid-word; a folded
 * line's continuations keep its indentation (and the ┊ fence of untrusted text) and go in two more.
 */
export function wrapLines(lines: readonly string[], width: number): string[] {
  const out: string[] = [];
  for (const raw of lines) {
    for (const line of raw.replace(/\t/g, '  ').split(/\r?\n/)) {
      if (line.length <= width || width < 8) {
        out.push(line);
        continue;
      }
      const lead = /^[\s┊]*/.exec(line)![0];
      const indent = `${lead}  `.slice(0, Math.floor(width / 2));
      let rest = line;
      let first = true;
      while (rest.length > 0) {
        const room = first ? width : width - indent.length;
        const text = first ? rest : rest.trimStart();
        if (text.length <= room) {
          out.push(first ? text : indent + text);
          break;
        }
        const space = text.lastIndexOf(' ', room);
        const cut = space > room / 2 ? space : room;
        out.push((first ? '' : indent) + text.slice(0, cut).trimEnd());
        rest = text.slice(cut);
        first = false;
      }
    }
  }
  return out;
}
