/** @jsxRuntime automatic */
/** @jsxImportSource react */
import { Box, Text, useApp, useInput, useStdout } from 'ink';
import { useMemo, useState } from 'react';
import type { TuiData } from './data.ts';
import { Help } from './components/help.tsx';
import { List } from './components/list.tsx';
import { approvalLines, eventDetail, filterRuns, fit, runLine, timelineOf } from './view-model.ts';

type Screen = { name: 'runs' } | { name: 'run'; runId: string } | { name: 'approvals' };

/** The workbench TUI: runs, a run's timeline as a step-through debugger, and the approvals inbox. */
export function App({ data, identity }: { data: TuiData; identity: string }) {
  const { exit } = useApp();
  const { stdout } = useStdout();
  // Two columns go to the cursor mark.
  const width = (stdout?.columns ?? 80) - 2;
  const height = Math.max(5, (stdout?.rows ?? 24) - 4);
  const [screen, setScreen] = useState<Screen>({ name: 'runs' });
  const [cursor, setCursor] = useState(0);
  const [help, setHelp] = useState(false);
  const [filter, setFilter] = useState('');
  const [typing, setTyping] = useState<null | 'filter' | 'reason'>(null);
  const [draft, setDraft] = useState('');
  const [open, setOpen] = useState(false);
  const [message, setMessage] = useState('');
  const [tick, setTick] = useState(0);

  const runs = useMemo(() => filterRuns(data.runs(), filter), [data, filter, tick]);
  const timeline = useMemo(() => (screen.name === 'run' ? timelineOf(data.journal(screen.runId)) : []), [data, screen, tick]);
  const approvals = useMemo(() => (screen.name === 'approvals' ? data.pendingApprovals() : []), [data, screen, tick]);
  const count = screen.name === 'runs' ? runs.length : screen.name === 'run' ? timeline.length : approvals.length;
  const go = (next: Screen) => (setScreen(next), setCursor(0), setOpen(false), setMessage(''));

  const decide = (decision: 'approve' | 'deny', comment?: string) => {
    const a = approvals[cursor];
    if (!a) return;
    void data.decide(a.approvalId, decision, comment).then((v) => {
      setMessage(v.ok ? `${decision === 'approve' ? 'approved' : 'denied'} as ${identity}: ${v.status}${v.status === 'pending' ? `, ${v.remaining} more needed` : ''}` : `refused: ${v.reason}`);
      setTick((t) => t + 1);
    });
  };

  useInput((input, key) => {
    if (typing) {
      if (key.escape) return void (setTyping(null), setDraft(''), typing === 'filter' && setFilter(''));
      if (key.return) {
        if (typing === 'filter') (setFilter(draft), setCursor(0));
        else decide('deny', draft);
        return void (setTyping(null), setDraft(''));
      }
      if (key.backspace || key.delete) return void setDraft((d) => d.slice(0, -1));
      if (input && !key.ctrl && !key.meta) setDraft((d) => d + input);
      return;
    }
    if (input === '?') return void setHelp((h) => !h);
    if (help) return void ((input === 'q' || key.escape) && setHelp(false));
    if (input === 'j' || key.downArrow || (screen.name === 'run' && input === 'n')) return void setCursor((c) => Math.min(Math.max(0, count - 1), c + 1));
    if (input === 'k' || key.upArrow || (screen.name === 'run' && input === 'p')) return void setCursor((c) => Math.max(0, c - 1));
    if (input === '1') return void go({ name: 'runs' });
    if (input === '2') return void go({ name: 'approvals' });
    if (input === 'q') return void (screen.name === 'runs' ? exit() : go({ name: 'runs' }));
    if (screen.name === 'runs' && input === '/') return void (setTyping('filter'), setDraft(filter));
    if (screen.name === 'runs' && key.return && runs[cursor]) return void go({ name: 'run', runId: runs[cursor]!.runId });
    if (screen.name === 'run' && key.return) return void setOpen((o) => !o);
    if (screen.name === 'approvals' && input === 'a') return decide('approve');
    if (screen.name === 'approvals' && input === 'd' && approvals[cursor]) return void (setTyping('reason'), setDraft(''));
  });

  const title = screen.name === 'runs' ? `Runs (${runs.length})${filter ? `  filter: ${filter}` : ''}` : screen.name === 'run' ? `Run ${screen.runId}` : `Approvals (${approvals.length}) — acting as ${identity}`;
  let body;
  if (help) body = <Help />;
  else if (screen.name === 'runs') body = runs.length ? <List lines={runs.map((r) => runLine(r, width))} cursor={cursor} height={height} /> : <Text>no runs{filter ? ' match the filter' : ''}</Text>;
  else if (screen.name === 'run') {
    const lines = timeline.map((e) => fit(`+${(e.offsetMs / 1000).toFixed(3)}s ${'  '.repeat(e.depth)}${e.text}`, width));
    const entry = timeline[cursor];
    body = open && entry ? (
      <Box flexDirection="column">
        <List lines={lines} cursor={cursor} height={Math.max(3, Math.floor(height / 2))} />
        <Box flexDirection="column" borderStyle="single">
          {eventDetail(entry).slice(0, Math.max(1, Math.floor(height / 2) - 2)).map((l, i) => (
            <Text key={i} wrap="truncate">{fit(l, width - 2)}</Text>
          ))}
        </Box>
      </Box>
    ) : (
      <List lines={lines} cursor={cursor} height={height} />
    );
  } else {
    const selected = approvals[cursor];
    body = approvals.length ? (
      <Box flexDirection="column">
        <List lines={approvals.map((a) => fit(`${a.approvalId}  ${a.action.summary}`, width))} cursor={cursor} height={Math.max(3, height - 5)} />
        {selected && approvalLines(selected).slice(1).map((l) => <Text key={l} wrap="truncate">{fit(l, width)}</Text>)}
      </Box>
    ) : (
      <Text>no pending approvals</Text>
    );
  }
  return (
    <Box flexDirection="column">
      <Text bold wrap="truncate">{fit(`tollgate · ${title}`, width)}</Text>
      {body}
      <Text dimColor wrap="truncate">{fit(typing ? `${typing === 'filter' ? 'filter' : 'reason'}: ${draft}▏ (Enter to apply, Esc to cancel)` : message || '? help · q back/quit · 1 runs · 2 approvals', width)}</Text>
    </Box>
  );
}
