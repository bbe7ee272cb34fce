import type { EffectFailure } from '../shared/index.ts';

/** Transient failures are retried (connection errors, timeouts, 429, 5xx); other 4xx never are. */
export function classifyHttpStatus(status: number, body: unknown, retryAfter: string | null): EffectFailure {
  const detail = typeof body === 'object' && body && 'error' in body ? String((body as { error: unknown }).error) : typeof body === 'string' ? body.slice(0, 200) : '';
  const message = `HTTP ${status}${detail ? `: ${detail}` : ''}`;
  if (status === 429) return { code: 'TG_TOOL_RATE_LIMITED', message, retryable: true, status, ...retryAfterMs(retryAfter) };
  if (status >= 500) return { code: 'TG_TOOL_UNAVAILABLE', message, retryable: true, status, ...retryAfterMs(retryAfter) };
  return { code: status === 404 ? 'TG_TOOL_NOT_FOUND' : 'TG_TOOL_REJECTED', message, retryable: false, status };
}

export function classifyFetchError(error: unknown, timedOut: boolean, timeoutMs: number): EffectFailure {
  if (timedOut) return { code: 'TG_TOOL_TIMEOUT', message: `no reply within ${timeoutMs}ms; the request was aborted`, retryable: true, timeoutMs };
  const cause = (error as { cause?: { code?: string } }).cause?.code;
  return { code: 'TG_TOOL_CONNECTION', message: `connection failed${cause ? ` (${cause})` : ''}: ${error instanceof Error ? error.message : String(error)}`, retryable: true };
}

function retryAfterMs(header: string | null): { retryAfterMs?: number } {
  if (!header) return {};
  const seconds = Number(header);
  return Number.isFinite(seconds) ? { retryAfterMs: Math.max(0, seconds * 1000) } : {};
}
