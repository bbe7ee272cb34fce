import { useEffect, useState } from 'react';

export interface Loaded<T> {
  readonly value: T | undefined;
  readonly error: string | undefined;
  readonly loading: boolean;
}

/**
 * Loads data asynchronously whenever `deps` change, keeping the previous value on screen while the
 * next one loads (live updates never blank the view). A load that finishes after a newer one started
 * is dropped.
 */
export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]): Loaded<T> {
  const [state, setState] = useState<Loaded<T>>({ value: undefined, error: undefined, loading: true });
  useEffect(() => {
    let current = true;
    setState((s) => ({ ...s, loading: true }));
    load().then(
      (value) => current && setState({ value, error: undefined, loading: false }),
      (error: unknown) => current && setState((s) => ({ value: s.value, error: error instanceof Error ? error.message : String(error), loading: false })),
    );
    return () => void (current = false);
  }, deps);
  return state;
}
