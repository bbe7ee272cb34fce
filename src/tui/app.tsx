/** @jsxRuntime automatic */
/** @jsxImportSource react */
import { Box, Text, useApp } from 'ink';
import { useKeys } from './hooks/use-keys.ts';
import { useCallback, useState } from 'react';
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

/** The workbench TUI: runs, a run as a step-through debugger, the approvals inbox, the newest eval. */
export function App({ source, identity, pollMs = 500, initial }: { source: TuiSource; identity: string; pollMs?: number; initial?: Screen }) {
  const { exit } = useApp();
  const { columns, rows } = useTerminalSize();
  const width = Math.max(20, columns - 2); // two columns go to the cursor mark
  const height = Math.max(5, rows - 3); // title, status line, and a spare line so ink never scrolls
  const [stack, setStack] = useState<Screen[]>([initial ?? { name: 'runs' }]);
  const [help, setHelp] = useState(false);
  const [typing, setTyping] = useState(false);
  const [message, setMessage] = useState('');
  const [title, setTitle] = useState('');
  const version = useVersion(source, pollMs);
  const screen = stack.at(-1)!;

  const open = useCallback((next: Screen) => (setStack((s) => [...s, next]), setMessage('')), []);
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
      if (input === '?') return setHelp((h) => !h);
      if (help) return void ((input === 'q' || key.escape) && setHelp(false));
      const top = ({ 1: 'runs', 2: 'approvals', 3: 'evals' } as const)[input as '1' | '2' | '3'];
      if (top) return (setStack([{ name: top }]), setMessage(''));
    },
    { isActive: !typing },
  );

  const props: ViewProps = { source, version, width, height, active: !help, onTyping: setTyping, open, back, say: setMessage, setTitle };
  let body;
  if (help) body = <Help width={width} />;
  else if (screen.name === 'runs') body = <RunsView key="runs" {...props} />;
  else if (screen.name === 'run') body = <RunView key={`run:${screen.runId}`} {...props} runId={screen.runId} />;
  else if (screen.name === 'approvals') body = <ApprovalsView key="approvals" {...props} identity={identity} />;
  else body = <EvalsView key="evals" {...props} />;
  return (
    <Box flexDirection="column" height={rows - 1}>
      <Text bold wrap="truncate">{fit(`tollgate · ${title}`, width)}</Text>
      <Box flexDirection="column" flexGrow={1}>
        {body}
      </Box>
      <Text dimColor wrap="truncate">{fit(message || HINT, width)}</Text>
    </Box>
  );
}
