/**
 * AbortSignal.timeout that can be cleared. AbortSignal.timeout keeps its timer, its signal and all
 * that listens to it alive until the time is up (30 s for a tool call by default): an eval making
 * hundreds of calls a second held every request for that long. Clear it when the work is done.
 */
export function timeoutSignal(ms: number): { readonly signal: AbortSignal; clear(): void } {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError')), ms);
  timer.unref();
  return { signal: controller.signal, clear: () => clearTimeout(timer) };
}
