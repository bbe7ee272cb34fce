import { useRef, useState } from 'react';
import type { Key } from 'ink';

interface Entry {
  readonly label: string;
  readonly draft: string;
  readonly submit: (text: string) => void;
}

/**
 * A one-line text entry (filter, reason) shown on the status line: Enter submits, Esc cancels,
 * Backspace deletes. While it is open the app's global keys are off. The entry lives in a ref as
 * well as in state, so that the keys after `/` in one burst ("/refund⏎") already go to it.
 */
export function useTextEntry(onTyping: (typing: boolean) => void, say: (line: string) => void) {
  const current = useRef<Entry | null>(null);
  const [entry, setEntry] = useState<Entry | null>(null);
  const show = (e: Entry | null) => {
    current.current = e;
    setEntry(e);
    say(e ? `${e.label}: ${e.draft}▏ (Enter to apply, Esc to cancel)` : '');
  };
  return {
    typing: entry !== null,
    start(label: string, initial: string, submit: (text: string) => void) {
      show({ label, draft: initial, submit });
      onTyping(true);
    },
    /** Handles a key while an entry is open; true when it took the key. */
    handle(input: string, key: Key): boolean {
      const open = current.current;
      if (!open) return false;
      const close = () => (show(null), onTyping(false));
      if (key.escape) close();
      else if (key.return) (close(), open.submit(open.draft));
      else if (key.backspace || key.delete) show({ ...open, draft: open.draft.slice(0, -1) });
      else if (input && !key.ctrl && !key.meta) show({ ...open, draft: open.draft + input });
      return true;
    },
  };
}
