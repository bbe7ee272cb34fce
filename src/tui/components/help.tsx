/** @jsxRuntime automatic */
/** @jsxImportSource react */
import { Box, Text } from 'ink';
import { fit } from '../view-model/text.ts';

// Each line fits an 80-column terminal inside the box.
export const HELP = [
  'tollgate tui — keys',
  '',
  'anywhere    1 runs · 2 approvals · 3 evals · ? help · q back/quit',
  '            Ctrl-C quits',
  'lists       j/k or ↓/↑ move · g/G first/last · PgUp/PgDn · Enter open',
  'runs        / filter by text · s cycle status · w cycle workflow',
  '            c clear the filters',
  'a run       n/p next/previous decision · Enter open the event',
  '            r replay and mark the first divergence',
  'an event    j/k scroll · n/p step to the next/previous decision',
  'approvals   a approve (y confirms) · d deny (asks a reason)',
  '            e edit the arguments in $EDITOR, then approve them (y)',
  '            Enter open the run',
  '            v reveal vaulted values your role may see (audited)',
  '            J/K or PgDn/PgUp scroll the context',
  "evals       Enter open the case's run",
  'typing      Enter apply · Esc cancel',
];

/** The keys, in a box cut to the space there is (a small terminal shows the first lines and says so). */
export function Help({ width, height }: { width: number; height: number }) {
  const room = Math.max(1, height - 2);
  const lines = HELP.length <= room ? HELP : [...HELP.filter((l) => l !== '').slice(0, room - 1), '… (a taller terminal shows the rest)'];
  return (
    <Box flexDirection="column" borderStyle="single" paddingX={1}>
      {lines.map((l, i) => (
        <Text key={i} wrap="truncate">
          {fit(l, Math.max(10, width - 4))}
        </Text>
      ))}
    </Box>
  );
}
