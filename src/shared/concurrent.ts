/**
 * Maps `items` through `fn` with at most `limit` calls in flight, keeping the input order; `onDone`
 * hears each result as it lands (progress lines). After a call fails no new one starts, and the
 * failure is thrown once the calls in flight have ended: nothing of the map is still running (and
 * writing) when its caller moves on, as an eval's batch of writes ends.
 */
export async function mapConcurrent<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>, onDone?: (done: number, total: number, result: R) => void): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  let done = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (next < items.length && !failure) {
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
