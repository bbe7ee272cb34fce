import type { RetryPolicy } from '../workflow/index.ts';
import { parseDuration } from '../shared/index.ts';

export const DEFAULT_RETRY: RetryPolicy = { initial_interval: '1s', backoff_coefficient: 2, maximum_attempts: 3, non_retryable_errors: [] };

/**
 * Delay before attempt `attempt + 1`, or undefined when no retry is due. Jitter is derived from
 * `seed` (run, step, attempt) instead of Math.random, so a replay waits the same way.
 */
export function retryDelay(policy: RetryPolicy, attempt: number, failure: { code: string; retryable: boolean; retryAfterMs?: number }, seed: string): number | undefined {
  if (!failure.retryable || attempt >= policy.maximum_attempts || policy.non_retryable_errors.includes(failure.code)) return undefined;
  const initial = parseDuration(policy.initial_interval) ?? 1000;
  const maximum = policy.maximum_interval ? (parseDuration(policy.maximum_interval) ?? initial * 100) : initial * 100;
  const base = Math.min(maximum, initial * policy.backoff_coefficient ** (attempt - 1));
  const jittered = base * (0.8 + 0.4 * unitHash(seed));
  return Math.round(Math.max(jittered, failure.retryAfterMs ?? 0));
}

function unitHash(seed: string): number {
  let h = 2166136261;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 16777619);
  return (h >>> 0) / 2 ** 32;
}
