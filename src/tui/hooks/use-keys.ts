import { useInput, useStdin, type Key } from 'ink';
import { useCallback, useRef } from 'react';

/** Plain keys (and Enter) that a terminal may deliver several at a time. */
const BURST = /^[\x21-\x7e\r]{2,}$/;
/** The burst whose remainder is already scheduled (every listener sees the same chunk). */
let scheduled: string | undefined;

/**
 * useInput, with two fixes for real terminals:
 * - the newest handler always answers: ink re-subscribes a changed handler only in a passive
 *   effect, so a key pressed right after a frame painted could reach the previous render's handler
 *   (and its stale data);
 * - a burst of keys that arrives as one chunk (a held-down j, a fast typist, tmux send-keys,
 *   "qq", "/refund⏎") is taken one key at a time: the first key now, the rest re-emitted after
 *   the screen has updated, so each key reaches the screen the previous one left.
 */
export function useKeys(handler: (input: string, key: Key) => void, options: { isActive: boolean }): void {
  const latest = useRef(handler);
  latest.current = handler;
  const { internal_eventEmitter: emitter } = useStdin();
  const onInput = useCallback(
    (input: string, key: Key) => {
      if (!BURST.test(input) || key.ctrl || key.meta) return latest.current(input, key);
      const first = input[0]!;
      latest.current(first === '\r' ? '' : first, { ...key, return: first === '\r' });
      if (scheduled === input) return;
      scheduled = input;
      queueMicrotask(() => (scheduled = undefined));
      setTimeout(() => emitter?.emit('input', input.slice(1)), 20);
    },
    [emitter],
  );
  useInput(onInput, { isActive: options.isActive });
}
