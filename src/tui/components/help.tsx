/** @jsxRuntime automatic */
/** @jsxImportSource react */
import { Box, Text } from 'ink';
import { fit } from '../view-model/text.ts';

export const HELP = [
  'tollgate tui — keys',
  '',
  'everywhere   1 runs · 2 approvals · 3 evals · ? this help · q back/quit · Ctrl-C quit',
  'lists        j/k or ↓/↑ move · g/G first/last · Enter open',
  'runs         / filter by text · s cycle status · w cycle workflow · c clear filters',
  'a run        n/p next/previous decision · Enter open the event · r replay and',
  '             mark the first divergence · in an event: j/k scroll, n/p step',
  'approvals    a approve · d deny (asks a reason) · e edit the arguments in $EDITOR,',
  '             then approve them · Enter open the run',
  'evals        Enter open the case\'s run',
  'text entry   Enter apply · Esc cancel',
];

export function Help({ width }: { width: number }) {
  return (
    <Box flexDirection="column" borderStyle="single" paddingX={1}>
      {HELP.map((l, i) => (
        <Text key={i} wrap="truncate">
          {fit(l, Math.max(10, width - 4))}
        </Text>
      ))}
    </Box>
  );
}
