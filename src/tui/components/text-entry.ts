import { useState } from 'react';
import type { Key } from 'ink';

interface Entry {
  readonly label: string;
  readonly draft: string;
  readonly submit: (text: string) => void;
}

/**
 * A one-line text entry (filter, reason) shown on the status line: Enter submits, Esc cancels,
 * Backspace deletes. While it is open the app's global keys are off.
 */
export function useTextEntry(onTyping: (typing: boolean) => void, say: (line: string) => void) {
  const [entry, setEntry] = useState<Entry | null>(null);
  const show = (e: Entry | null) => {
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
      if (!entry) return false;
      const close = () => (show(null), onTyping(false));
      if (key.escape) close();
      else if (key.return) (close(), entry.submit(entry.draft));
      else if (key.backspace || key.delete) show({ ...entry, draft: entry.draft.slice(0, -1) });
      else if (input && !key.ctrl && !key.meta) show({ ...entry, draft: entry.draft + input });
      return true;
    },
  };
}
