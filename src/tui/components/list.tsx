/** @jsxRuntime automatic */
/** @jsxImportSource react */
import { Box, Text } from 'ink';
import { fit, windowFor } from '../view-model/text.ts';

/**
 * A scrolling list of `count` lines; only the visible ones are formatted (`line(i)`), so a list of
 * ten thousand runs costs no more per frame than one screenful. The cursor line is marked with ›
 * (visible without colour, e.g. NO_COLOR) and inverse.
 */
export function List({ count, line, cursor, height, dim }: { count: number; line: (index: number) => string; cursor: number; height: number; dim?: (index: number) => boolean }) {
  const { start, end } = windowFor(count, cursor, height);
  const rows = [];
  for (let i = start; i < end; i++) {
    rows.push(
      <Text key={i} inverse={i === cursor} dimColor={dim?.(i) ?? false} wrap="truncate">
        {i === cursor ? '› ' : '  '}
        {line(i)}
      </Text>,
    );
  }
  return <Box flexDirection="column">{rows}</Box>;
}

/** Plain lines cut to a height, starting at `offset`. */
export function Lines({ lines, height, offset = 0, width }: { lines: readonly string[]; height: number; offset?: number; width: number }) {
  return (
    <Box flexDirection="column">
      {lines.slice(offset, offset + Math.max(0, height)).map((l, i) => (
        <Text key={offset + i} wrap="truncate">
          {fit(l, width)}
        </Text>
      ))}
    </Box>
  );
}
