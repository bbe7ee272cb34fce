/** @jsxRuntime automatic */
/** @jsxImportSource react */
import { Box, Text } from 'ink';
import { useKeys } from '../hooks/use-keys.ts';
import { useEffect, useMemo, useState } from 'react';
import { useLoad } from '../hooks/use-load.ts';
import { cycle, filterRuns, filtersLabel, NO_FILTERS, outcomeOf, runFooter, runHeader, runLine, type RunFilters } from '../view-model/runs.ts';
import { fit } from '../view-model/text.ts';
import { List } from './list.tsx';
import { useTextEntry } from './text-entry.ts';
import { cursorMove, type ViewProps } from './view-props.ts';

/** The runs in the database and in traces/, newest first, filtered by text, status and workflow. */
export function RunsView(props: ViewProps) {
  const { source, version, width, height, active } = props;
  const runs = useLoad(() => source.runs(), [source, version]);
  const [filters, setFilters] = useState<RunFilters>(NO_FILTERS);
  const [cursor, setCursor] = useState(0);
  const entry = useTextEntry(props.onTyping, props.say);
  const all = runs.value ?? [];
  const shown = useMemo(() => filterRuns(all, filters), [all, filters]);
  const label = filtersLabel(filters);
  useEffect(() => props.setTitle(`Runs (${shown.length}${shown.length !== all.length ? ` of ${all.length}` : ''})${label ? `  ${label}` : ''}`), [shown.length, all.length, label]);
  useEffect(() => setCursor((c) => Math.min(c, Math.max(0, shown.length - 1))), [shown.length]);
  // After the commit that painted the list, not before: loading blocks the thread for a while.
  const painted = runs.value !== undefined;
  useEffect(() => void (painted && setImmediate(() => source.warm?.())), [painted, source]);

  useKeys(
    (input, key) => {
      if (entry.handle(input, key)) return;
      const move = cursorMove(input, key);
      if (move) return setCursor((c) => move(c, shown.length, height - 2));
      const refilter = (f: RunFilters) => (setFilters(f), setCursor(0));
      if (input === '/') return entry.start('filter', filters.text, (text) => refilter({ ...filters, text }));
      if (input === 's') return refilter({ ...filters, status: cycle(all.map(outcomeOf), filters.status) });
      if (input === 'w') return refilter({ ...filters, workflow: cycle(all.map((r) => r.workflow), filters.workflow) });
      if (input === 'c') return refilter(NO_FILTERS);
      if (key.return && shown[cursor]) return props.open({ name: 'run', runId: shown[cursor]!.runId });
      if (input === 'q' || key.escape) return props.back();
    },
    { isActive: active },
  );

  if (runs.value === undefined) return <Text>{runs.error ? `cannot read the runs: ${runs.error}` : 'loading runs…'}</Text>;
  if (shown.length === 0) return <Text>{all.length ? 'no runs match the filters (c clears them)' : 'no runs yet: start one with tollgate run, or put trace files in traces/'}</Text>;
  const now = Date.now();
  return (
    <Box flexDirection="column">
      <Text dimColor wrap="truncate">{`  ${runHeader(width)}`}</Text>
      <List count={shown.length} line={(i) => runLine(shown[i]!, width, now)} cursor={cursor} height={height - 2} />
      {shown[cursor] && <Text dimColor wrap="truncate">{fit(`  ${runFooter(shown[cursor]!)}`, width + 2)}</Text>}
    </Box>
  );
}
