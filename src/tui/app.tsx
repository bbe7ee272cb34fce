/** @jsxRuntime automatic */
/** @jsxImportSource react */
import { Box, Text, useApp } from 'ink';
import { useKeys } from './hooks/use-keys.ts';
import { useCallback, useRef, useState } from 'react';
import { ApprovalsView } from './components/approvals-view.tsx';
import { EvalsView } from './components/evals-view.tsx';
import { Help } from './components/help.tsx';
import { RunView } from './components/run-view.tsx';
import { RunsView } from './components/runs-view.tsx';
import type { Screen, ViewProps } from './components/view-props.ts';
import { useTerminalSize } from './hooks/use-terminal-size.ts';
import { useVersion } from './hooks/use-version.ts';
import type { TuiSource } from './source.ts';
import { fit } from './view-model/text.ts';

const HINT = '? help · q back/quit · 1 runs · 2 approvals · 3 evals';

interface Entry {
  readonly id: number;
  readonly screen: Screen;
}

/** The workbench TUI: runs, a run as a step-through debugger, the approvals inbox, the newest eval. */
export function App({ source, identity, pollMs = 500, initial }: { source: TuiSource; identity: string; pollMs?: number; initial?: Screen }) {
  const { exit } = useApp();
  const { columns, rows } = useTerminalSize();
  const width = Math.max(20, columns - 2); // two columns go to the cursor mark
  const height = Math.max(5, rows - 3); // title, status line, and a spare line so ink never scrolls
  // Screens below the top stay mounted (hidden), so going back finds the list as it was left:
  // filters, cursor, an opened event.
  const nextId = useRef(0);
  const entry = (screen: Screen): Entry => ({ id: nextId.current++, screen });
  const [stack, setStack] = useState<Entry[]>(() => [entry(initial ?? { name: 'runs' })]);
  const [help, setHelp] = useState(false);
  // A ref besides the state: a view opens its text entry in the middle of a burst of keys, and the
  // rest of that burst must not reach the global keys.
  const typing = useRef(false);
  const [typingState, setTypingState] = useState(false);
  const onTyping = useCallback((t: boolean) => ((typing.current = t), setTypingState(t)), []);
  const [message, setMessage] = useState('');
  const [titles, setTitles] = useState<Record<number, string>>({});
  const version = useVersion(source, pollMs);
  // A hidden screen keeps the data version it last showed: it reloads when it is on top again.
  const seen = useRef<Record<number, string>>({});
  const top = stack.at(-1)!;
  seen.current[top.id] = version;

  const open = useCallback((next: Screen) => (setStack((s) => [...s, entry(next)]), setMessage('')), []);
  const back = useCallback(() => {
    setMessage('');
    setStack((s) => {
      if (s.length > 1) return s.slice(0, -1);
      exit();
      return s;
    });
  }, [exit]);

  useKeys(
    (input, key) => {
      if (typing.current) return;
      if (input === '?') return setHelp((h) => !h);
      if (help) return void ((input === 'q' || key.escape) && setHelp(false));
      const home = ({ 1: 'runs', 2: 'approvals', 3: 'evals' } as const)[input as '1' | '2' | '3'];
      if (home) return (setStack([entry({ name: home })]), setMessage(''));
    },
    { isActive: !typingState },
  );

  const views = stack.map(({ id, screen }) => {
    const shown = id === top.id && !help;
    const props: ViewProps = {
      source, version: seen.current[id] ?? version, width, height, active: shown, onTyping, open, back, say: setMessage,
      setTitle: (title: string) => setTitles((t) => (t[id] === title ? t : { ...t, [id]: title })),
    };
    const view =
      screen.name === 'runs' ? <RunsView {...props} />
      : screen.name === 'run' ? <RunView {...props} runId={screen.runId} />
      : screen.name === 'approvals' ? <ApprovalsView {...props} identity={identity} />
      : <EvalsView {...props} />;
    return (
      <Box key={id} flexDirection="column" display={shown ? 'flex' : 'none'}>
        {view}
      </Box>
    );
  });
  const title = titles[top.id] ?? '';
  // Views load once the data version is known, so their first load is not followed by a second.
  const ready = version !== '';
  return (
    <Box flexDirection="column" height={rows - 1}>
      <Text bold wrap="truncate">{fit(`tollgate · ${title}`, width)}</Text>
      <Box flexDirection="column" flexGrow={1}>
        {help && <Help width={width} height={height} />}
        {ready ? views : <Text>loading…</Text>}
      </Box>
      <Text dimColor wrap="truncate">{fit(message || HINT, width)}</Text>
    </Box>
  );
}
