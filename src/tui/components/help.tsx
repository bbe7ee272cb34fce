/** @jsxRuntime automatic */
/** @jsxImportSource react */
import { Box, Text } from 'ink';

export const HELP = [
  'tollgate tui — keys',
  '  j / k, ↓ / ↑   move          Enter   open',
  '  n / p          next / previous event (in a run)',
  '  /              filter runs (type, Enter to apply, Esc to clear)',
  '  1 / 2          runs / approvals',
  '  a / d          approve / deny the selected approval (d asks for a reason)',
  '  ?              this help     q       back / quit     Ctrl-C  quit',
];

export function Help() {
  return (
    <Box flexDirection="column" borderStyle="single" paddingX={1}>
      {HELP.map((l) => (
        <Text key={l}>{l}</Text>
      ))}
    </Box>
  );
}
