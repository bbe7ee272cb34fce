import { timeoutSignal } from './timeout-signal.ts';

/** A signal that aborts when a time is up, and the way to stand it down early. */
export interface TimeoutHandle {
  readonly signal: AbortSignal;
  clear(): void;
}

/** Time enters the engine only through a Clock, so runs can be replayed and tests can simulate it. */
export interface Clock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** A timeout on this clock's time (real time unless the clock says otherwise). */
  timeout?(ms: number): TimeoutHandle;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal!.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
  timeout: timeoutSignal,
};

/** A timeout on `clock`'s time: its own when it keeps one (a WaitSkippingClock), else real time. */
export function timeoutOn(clock: Clock, ms: number): TimeoutHandle {
  return clock.timeout ? clock.timeout(ms) : timeoutSignal(ms);
}
