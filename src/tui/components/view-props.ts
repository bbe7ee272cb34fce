import type { TuiSource } from '../source.ts';

export type Screen = { name: 'runs' } | { name: 'run'; runId: string } | { name: 'approvals' } | { name: 'evals' };

/** What App hands every view. */
export interface ViewProps {
  readonly source: TuiSource;
  /** Changes when the data may have changed: views reload on it. */
  readonly version: string;
  readonly width: number;
  /** Lines the view may use between the title and the status line. */
  readonly height: number;
  /** False while the help overlay is open: the view takes no keys. */
  readonly active: boolean;
  /** The view is taking text (filter, reason): global keys are off. */
  readonly onTyping: (typing: boolean) => void;
  readonly open: (screen: Screen) => void;
  readonly back: () => void;
  readonly say: (message: string) => void;
  readonly setTitle: (title: string) => void;
}

/** A cursor move shared by every list (j/k, arrows, g/G, page up/down), or undefined for other keys. */
export function cursorMove(input: string, key: { upArrow: boolean; downArrow: boolean; pageUp: boolean; pageDown: boolean }): ((cursor: number, count: number, page: number) => number) | undefined {
  const clamp = (n: number, count: number) => Math.min(Math.max(0, count - 1), Math.max(0, n));
  if (input === 'j' || key.downArrow) return (c, n) => clamp(c + 1, n);
  if (input === 'k' || key.upArrow) return (c, n) => clamp(c - 1, n);
  if (input === 'g') return () => 0;
  if (input === 'G') return (_, n) => clamp(n - 1, n);
  if (key.pageDown) return (c, n, page) => clamp(c + page, n);
  if (key.pageUp) return (c, n, page) => clamp(c - page, n);
  return undefined;
}
