/** @jsxRuntime automatic */
/** @jsxImportSource react */
import { Box, Text } from 'ink';
import { useKeys } from '../hooks/use-keys.ts';
import { useEffect, useMemo, useState } from 'react';
import type { ReplayReport } from '../../replay/index.ts';
import { useLoad } from '../hooks/use-load.ts';
import { eventDetail } from '../view-model/event-detail.ts';
import { outcomeOf } from '../view-model/runs.ts';
import { fit, wrapLines } from '../view-model/text.ts';
import { nextDecision, timelineLines, timelineText, totalsAt } from '../view-model/timeline.ts';
import { Lines, List } from './list.tsx';
import { cursorMove, type ViewProps } from './view-props.ts';

type Replay = { state: 'idle' } | { state: 'running' } | { state: 'done'; report: ReplayReport } | { state: 'failed'; message: string };

/**
 * A run as a step-through debugger: its timeline, one event at a time, with what the run had
 * spent so far; Enter opens an event in full; `r` replays the run and marks where it diverges.
 */
export function RunView(props: ViewProps & { runId: string }) {
  const { source, version, width, height, active, runId } = props;
  const recording = useLoad(() => source.recording(runId), [source, runId, version]);
  const [cursor, setCursor] = useState(0);
  const [detail, setDetail] = useState(false);
  const [scroll, setScroll] = useState(0);
  const [replay, setReplay] = useState<Replay>({ state: 'idle' });
  const rows = useMemo(() => recording.value?.journal ?? [], [recording.value]);
  const divergence = replay.state === 'done' && !replay.report.identical ? replay.report.divergence : undefined;
  const lines = useMemo(() => timelineLines(rows, divergence), [rows, divergence]);
  const run = recording.value?.run;
  useEffect(() => {
    if (run) props.setTitle(`Run ${run.runId} · ${run.workflow} v${run.version} · ${outcomeOf(run)}`);
  }, [run]);

  const startReplay = () => {
    setReplay({ state: 'running' });
    props.say('replaying the recording with the current definitions…');
    source.replay(runId).then(
      (report) => {
        setReplay({ state: 'done', report });
        if (report.identical) return props.say(`replay identical: ${report.events} events, the run ends ${report.result.endState ?? report.result.status} as recorded`);
        const at = timelineLines(rows, report.divergence).findIndex((l) => l.type === 'divergence');
        setCursor(at);
        setDetail(false);
        props.say(`replay DIVERGED at event ${report.divergence.seq} (step ${report.divergence.step}); Enter shows the diff`);
      },
      (error: unknown) => (setReplay({ state: 'failed', message: String((error as Error).message ?? error) }), props.say(`replay failed: ${(error as Error).message ?? error}`)),
    );
  };

  const line = lines[cursor];
  // Folded to the width, not cut: a whole system prompt reads at 80 columns (j/k scroll it).
  const detailText = useMemo(() => (detail && line ? wrapLines(eventDetail(line, rows, source.prices), width) : []), [detail, line, rows, width]);
  const maxScroll = Math.max(0, detailText.length - (height - 1));

  useKeys(
    (input, key) => {
      if (input === 'q' || key.escape) return detail ? setDetail(false) : props.back();
      if (input === 'n' || input === 'p') return (setCursor((c) => nextDecision(lines, c, input === 'n' ? 1 : -1)), setScroll(0));
      if (key.return) return (setDetail((d) => !d), setScroll(0));
      if (input === 'r' && replay.state !== 'running') return startReplay();
      const move = cursorMove(input, key);
      if (!move) return;
      // In an opened event the same keys scroll its text; in the timeline they move the cursor.
      if (detail) setScroll((s) => move(s, maxScroll + 1, height - 2));
      else (setCursor((c) => move(c, lines.length, height - 1)), setScroll(0));
    },
    { isActive: active },
  );

  if (!recording.value) return <Text>{recording.error ? `cannot read run ${runId}: ${recording.error}` : 'loading the run…'}</Text>;
  const at = line?.type === 'entry' ? line.entry.seq : (divergence?.seq ?? 0) - 1;
  const watch = fit(`${Math.min(cursor + 1, lines.length)}/${lines.length} │ ${totalsAt(rows, at, source.prices)}`, width);
  if (detail && line) {
    return (
      <Box flexDirection="column">
        <Text dimColor wrap="truncate">{watch}</Text>
        <Lines lines={detailText} offset={Math.min(scroll, maxScroll)} height={height - 1} width={width} />
      </Box>
    );
  }
  return (
    <Box flexDirection="column">
      <Text dimColor wrap="truncate">{watch}</Text>
      <List count={lines.length} line={(i) => fit(timelineText(lines[i]!), width)} cursor={cursor} height={height - 1} dim={(i) => lines[i]!.type === 'entry' && (lines[i] as { afterDivergence: boolean }).afterDivergence} />
    </Box>
  );
}
