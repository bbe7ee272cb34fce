import { useEffect, useState } from 'react';
import type { TuiSource } from '../source.ts';

/** Polls the source's version so that views reload while runs progress (another process may run them). */
export function useVersion(source: TuiSource, intervalMs: number): string {
  const [version, setVersion] = useState('');
  useEffect(() => {
    let stopped = false;
    let timer: NodeJS.Timeout | undefined;
    const poll = async () => {
      const next = await source.version().catch(() => undefined);
      if (stopped) return;
      if (next !== undefined) setVersion(next);
      timer = setTimeout(poll, intervalMs);
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [source, intervalMs]);
  return version;
}
