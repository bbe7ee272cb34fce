import { describe, expect, it } from 'vitest';
import { otlpTarget, redactUrl } from '../../src/trace/index.ts';

describe('otlpTarget: the OTLP exporter variables', () => {
  it('exports nothing without an endpoint', () => {
    expect(otlpTarget({})).toBeUndefined();
    expect(otlpTarget({ OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json', OTEL_EXPORTER_OTLP_ENDPOINT: '  ' })).toBeUndefined();
  });

  it('appends /v1/traces to a general endpoint (keeping its path and query), uses a traces endpoint as it is', () => {
    expect(otlpTarget({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toEqual({ protocol: 'http/protobuf', url: 'http://collector:4318/v1/traces' });
    expect(otlpTarget({ OTEL_EXPORTER_OTLP_ENDPOINT: 'https://otel.example/base/?tenant=a' })).toEqual({ protocol: 'http/protobuf', url: 'https://otel.example/base/v1/traces?tenant=a' });
    expect(otlpTarget({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://a:4318', OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://b:9999/custom' })).toEqual({ protocol: 'http/protobuf', url: 'http://b:9999/custom' });
  });

  it('takes the traces protocol before the general one; http/protobuf by default', () => {
    const endpoint = { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318' };
    expect(otlpTarget({ ...endpoint, OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' })).toMatchObject({ protocol: 'http/json' });
    expect(otlpTarget({ ...endpoint, OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json', OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/protobuf' })).toMatchObject({ protocol: 'http/protobuf' });
  });

  it('names the variable that is wrong: a protocol it does not speak, an endpoint that is not a URL', () => {
    expect(otlpTarget({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'grpc' })).toEqual({ problem: expect.stringMatching(/^OTEL_EXPORTER_OTLP_TRACES_PROTOCOL=grpc: tollgate exports OTLP over HTTP only/) });
    expect(otlpTarget({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_EXPORTER_OTLP_PROTOCOL: 'http/xml' })).toEqual({ problem: expect.stringMatching(/^OTEL_EXPORTER_OTLP_PROTOCOL=http\/xml: not an OTLP protocol/) });
    expect(otlpTarget({ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318 with spaces' })).toEqual({ problem: expect.stringMatching(/^OTEL_EXPORTER_OTLP_ENDPOINT=collector:4318 with spaces: not an http\(s\) URL/) });
  });

  it('never shows credentials or a query in a message', () => {
    expect(redactUrl('https://user:pw@otel.example:4318/v1/traces?api_key=s3cret')).toBe('https://otel.example:4318/v1/traces');
    expect(redactUrl('not a url //user:pw@host/x?key=1')).toBe('not a url //host/x');
  });
});
