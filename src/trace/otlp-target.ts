/** Where and how spans are exported, from the standard OTLP environment variables. */
export type OtlpTarget =
  | { readonly protocol: 'http/protobuf' | 'http/json'; readonly url: string }
  | { readonly problem: string };

type Env = Readonly<Record<string, string | undefined>>;

const PROTOCOLS = ['http/protobuf', 'http/json'] as const;

/**
 * The export target the OTLP exporter specification describes: the `_TRACES_` variables before
 * the general ones, `http/protobuf` by default, a general endpoint with `/v1/traces` appended, a
 * traces endpoint as it is. Undefined when no endpoint is set (nothing is exported). Pure.
 */
export function otlpTarget(env: Env): OtlpTarget | undefined {
  const traces = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim();
  const general = env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim();
  if (!traces && !general) return undefined;
  const variable = env.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL?.trim() ? 'OTEL_EXPORTER_OTLP_TRACES_PROTOCOL' : 'OTEL_EXPORTER_OTLP_PROTOCOL';
  const protocol = env[variable]?.trim() || 'http/protobuf';
  if (!(PROTOCOLS as readonly string[]).includes(protocol)) {
    const why = protocol === 'grpc' ? 'tollgate exports OTLP over HTTP only' : 'not an OTLP protocol';
    return { problem: `${variable}=${protocol}: ${why}; set http/protobuf (the default) or http/json. Spans are not exported (trace files are still written)` };
  }
  const url = httpUrl((traces || general)!);
  if (!url) return { problem: `${traces ? 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT' : 'OTEL_EXPORTER_OTLP_ENDPOINT'}=${redactUrl((traces || general)!)}: not an http(s) URL such as http://localhost:4318. Spans are not exported (trace files are still written)` };
  if (!traces) url.pathname = `${url.pathname.replace(/\/+$/, '')}/v1/traces`;
  return { protocol: protocol as (typeof PROTOCOLS)[number], url: url.href };
}

function httpUrl(text: string): URL | undefined {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

/** A URL fit for a message: no user or password, no query (either may hold a token). */
export function redactUrl(url: string): string {
  const u = httpUrl(url);
  return u ? `${u.protocol}//${u.host}${u.pathname}` : url.replace(/\/\/[^@/]*@/, '//').replace(/\?.*$/, '');
}
