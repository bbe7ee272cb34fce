import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * Maps `items` through `fn` with at most `limit` calls in flight, keeping the input order; `onDone`
 * hears each result as it lands (progress lines). After a call fails no new one starts, and the
 * failure is thrown once the calls in flight have ended: nothing of the map is still running (and
 * writing) when its caller moves on, as an eval's batch of writes ends.
 *
 * Each call starts on a new turn of the event loop. Work answered in-process (mocked tools and
 * models, SQLite) can otherwise run for seconds as one chain of microtasks, and V8 keeps every
 * WeakRef target made meanwhile (fetch keeps one per request) until the chain ends: an eval of
 * 4,000 cases held every request and response it made.
 */
export async function mapConcurrent<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>, onDone?: (done: number, total: number, result: R) => void): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  let done = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    for (;;) {
      await nextTurn();
      if (next >= items.length || failure) return;
      const i = next++;
      try {
        results[i] = await fn(items[i]!, i);
      } catch (error) {
        failure ??= { error };
        return;
      }
      onDone?.(++done, items.length, results[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  if (failure) throw failure.error;
  return results;
}
