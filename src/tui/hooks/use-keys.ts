import { useInput, type Key } from 'ink';
import { useCallback, useRef } from 'react';

/**
 * useInput, with two fixes for real terminals:
 * - the newest handler always answers: ink re-subscribes a changed handler only in a passive
 *   effect, so a key pressed right after a frame painted could reach the previous render's handler
 *   (and its stale data);
 * - a burst of plain keys that arrives as one chunk (a held-down j, tmux send-keys) is handled one
 *   key at a time. Handlers use functional state updates so that every key of a burst counts. Text
 *   entry passes `split: false` to take a paste whole.
 */
export function useKeys(handler: (input: string, key: Key) => void, options: { isActive: boolean; split?: boolean }): void {
  const latest = useRef(handler);
  latest.current = handler;
  const split = options.split ?? true;
  const onInput = useCallback(
    (input: string, key: Key) => {
      if (split && input.length > 1 && !key.ctrl && !key.meta && /^[\x21-\x7e\r]+$/.test(input)) {
        for (const ch of input) latest.current(ch === '\r' ? '' : ch, { ...key, return: ch === '\r' });
      } else latest.current(input, key);
    },
    [split],
  );
  useInput(onInput, { isActive: options.isActive });
}
