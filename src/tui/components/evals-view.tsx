/** @jsxRuntime automatic */
/** @jsxImportSource react */
import { Box, Text } from 'ink';
import { useKeys } from '../hooks/use-keys.ts';
import { useEffect, useState } from 'react';
import { useLoad } from '../hooks/use-load.ts';
import { baselineSummary, caseDetail, caseLine, evalTitle, evalTotals } from '../view-model/evals.ts';
import { fit } from '../view-model/text.ts';
import { Lines, List } from './list.tsx';
import { cursorMove, type ViewProps } from './view-props.ts';

/** The newest eval or gate report: every case, why a failing one failed, and what changed against the baseline. */
export function EvalsView(props: ViewProps) {
  const { source, version, width, height, active } = props;
  const view = useLoad(() => source.latestEval(), [source, version]);
  const [cursor, setCursor] = useState(0);
  const cases = view.value?.report.cases ?? [];
  // Failing cases first: they are what a person opens this view for.
  const ordered = [...cases].sort((a, b) => Number(a.pass) - Number(b.pass) || a.key.localeCompare(b.key));
  const selected = ordered[cursor];
  useEffect(() => props.setTitle(view.value ? evalTitle(view.value) : 'Evals'), [view.value]);

  useKeys(
    (input, key) => {
      const move = cursorMove(input, key);
      if (move) return setCursor((c) => move(c, ordered.length, height - 6));
      if (input === 'q' || key.escape) return props.back();
      if (key.return && selected) return props.open({ name: 'run', runId: selected.run_id });
    },
    { isActive: active },
  );

  if (view.value === undefined) return <Text>{view.error ? `cannot read the reports: ${view.error}` : view.loading ? 'loading the newest report…' : 'no eval or gate report yet: run tollgate eval or tollgate gate'}</Text>;
  const detail = selected ? caseDetail(selected) : [];
  const listHeight = Math.max(2, height - 3 - Math.min(detail.length, 4));
  return (
    <Box flexDirection="column">
      <Text wrap="truncate">{fit(evalTotals(view.value), width)}</Text>
      <Text wrap="truncate">{fit(baselineSummary(view.value), width)}</Text>
      <List count={ordered.length} line={(i) => caseLine(ordered[i]!, view.value!, width)} cursor={cursor} height={listHeight} />
      <Text dimColor wrap="truncate">{'─'.repeat(Math.max(0, width))}</Text>
      <Lines lines={detail} height={height - listHeight - 3} width={width} />
    </Box>
  );
}
