import type { JournalRow } from '../core/index.ts';
import type { GoldCase } from '../workflow/index.ts';

type Faults = GoldCase['faults'];

/**
 * The injected faults a resumed run has left. Every tool attempt the journal shows finished
 * (`tool.done`) reached the mocked tool and used up the next fault for that tool, in the order the
 * case lists them; without this, a crashed run would meet its faults again and end otherwise.
 */
export function faultsLeft(faults: Faults, journal: readonly JournalRow[]): Faults {
  const toolOf = new Map<string, string>();
  const used = new Map<string, number>();
  for (const row of journal) {
    const key = `${row.stepKey}#${row.attempt}`;
    if (row.kind === 'tool.started') toolOf.set(key, String((row.data as { input?: { tool?: unknown } }).input?.tool));
    if (row.kind === 'tool.done' && toolOf.has(key)) used.set(toolOf.get(key)!, (used.get(toolOf.get(key)!) ?? 0) + 1);
  }
  return faults.flatMap((fault) => {
    const spent = Math.min(used.get(fault.tool) ?? 0, fault.times);
    used.set(fault.tool, (used.get(fault.tool) ?? 0) - spent);
    return fault.times - spent > 0 ? [{ ...fault, times: fault.times - spent }] : [];
  });
}
