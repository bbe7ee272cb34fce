import type { ReplayDivergence } from '../../replay/index.ts';
import type { JournalRow } from '../../core/index.ts';
import { buildTimeline, type TimelineEntry } from '../../workbench/timeline.ts';
import type { ProjectConfig } from '../../workflow/index.ts';
import { journalTotals } from './journal-totals.ts';
import { usd } from './text.ts';

/** One line of a run's timeline: a journal entry, or the mark a replay left where it diverged. */
export type TimelineLine =
  | { readonly type: 'entry'; readonly entry: TimelineEntry; readonly afterDivergence: boolean }
  | { readonly type: 'divergence'; readonly divergence: ReplayDivergence };

/** The timeline, with the first divergence of a replay marked where it happened; pure. */
export function timelineLines(rows: readonly JournalRow[], divergence?: ReplayDivergence): TimelineLine[] {
  const lines: TimelineLine[] = [];
  for (const entry of buildTimeline(rows)) {
    const after = divergence !== undefined && entry.seq >= divergence.seq;
    if (after && !lines.some((l) => l.type === 'divergence')) lines.push({ type: 'divergence', divergence: divergence! });
    lines.push({ type: 'entry', entry, afterDivergence: after });
  }
  if (divergence && !lines.some((l) => l.type === 'divergence')) lines.push({ type: 'divergence', divergence });
  return lines;
}

export function timelineText(line: TimelineLine): string {
  if (line.type === 'divergence') {
    const d = line.divergence;
    return `✗ DIVERGED at event ${d.seq} (step ${d.step}): recorded ${d.recorded.kind} ${d.recorded.stepKey}, now ${d.decided.kind} ${d.decided.stepKey}`;
  }
  const e = line.entry;
  return `${line.afterDivergence ? '┆' : ' '}+${(e.offsetMs / 1000).toFixed(3)}s ${'  '.repeat(e.depth)}${e.text}`;
}

/** Index of the next (dir 1) or previous (dir -1) line that is a decision, or `from` when there is none. */
export function nextDecision(lines: readonly TimelineLine[], from: number, dir: 1 | -1): number {
  for (let i = from + dir; i >= 0 && i < lines.length; i += dir) {
    const l = lines[i]!;
    if (l.type === 'divergence' || l.entry.kind !== 'other') return i;
  }
  return from;
}

/** What the run had spent and done up to and including event `seq`: the debugger's watch line. */
export function totalsAt(rows: readonly JournalRow[], seq: number, prices: ProjectConfig['models']['prices']): string {
  const t = journalTotals(rows, prices, seq);
  return `so far ${t.tokensIn}+${t.tokensOut} tokens · ${usd(t.costUsd)} · ${t.toolCalls} tool calls · ${t.policyBlocks} blocks`;
}
