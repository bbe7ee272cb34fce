/** @jsxRuntime automatic */
/** @jsxImportSource react */
import { Box, Text } from 'ink';
import { windowFor } from '../view-model.ts';

/** A scrolling list: the cursor line is marked with › (visible without colour, e.g. NO_COLOR) and inverse. */
export function List({ lines, cursor, height }: { lines: readonly string[]; cursor: number; height: number }) {
  const { start, end } = windowFor(lines.length, cursor, height);
  return (
    <Box flexDirection="column">
      {lines.slice(start, end).map((line, i) => (
        <Text key={start + i} inverse={start + i === cursor} wrap="truncate">
          {start + i === cursor ? '› ' : '  '}
          {line}
        </Text>
      ))}
    </Box>
  );
}
