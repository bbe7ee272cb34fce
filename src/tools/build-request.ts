import type { ToolConnector } from '../workflow/index.ts';

export interface HttpCall {
  readonly method: string;
  readonly url: string;
  readonly body?: Record<string, unknown>;
}

/** Fills `{name}` placeholders of the URL from args; the remaining args form the body (or query). */
export function buildHttpCall(connector: ToolConnector, args: Record<string, unknown>): HttpCall {
  const used = new Set<string>();
  const url = connector.http.url.replace(/\{([a-zA-Z0-9_]+)\}/g, (_, name: string) => {
    used.add(name);
    return encodeURIComponent(String(args[name] ?? ''));
  });
  const rest = Object.fromEntries(Object.entries(args).filter(([k]) => !used.has(k)));
  const method = connector.http.method;
  const sendsBody = connector.http.body ? connector.http.body === 'args' : ['POST', 'PUT', 'PATCH'].includes(method);
  if (sendsBody) return { method, url, body: rest };
  const query = new URLSearchParams(Object.entries(rest).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
  const qs = query.toString();
  return { method, url: qs ? `${url}${url.includes('?') ? '&' : '?'}${qs}` : url };
}
