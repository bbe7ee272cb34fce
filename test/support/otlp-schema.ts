import { z } from 'zod';

/**
 * ExportTraceServiceRequest in the OTLP/JSON encoding (the protobuf JSON mapping as OTLP specifies
 * it): hex trace and span IDs, enums as integers, 64-bit nanosecond times as decimal strings,
 * typed attribute values.
 */
const AnyValue: z.ZodType = z.lazy(() =>
  z.union([
    z.object({ stringValue: z.string() }).strict(),
    z.object({ boolValue: z.boolean() }).strict(),
    z.object({ intValue: z.union([z.number().int(), z.string().regex(/^-?\d+$/)]) }).strict(),
    z.object({ doubleValue: z.number() }).strict(),
    z.object({ arrayValue: z.object({ values: z.array(AnyValue) }).strict() }).strict(),
    z.object({ kvlistValue: z.object({ values: z.array(KeyValue) }).strict() }).strict(),
    z.object({ bytesValue: z.string() }).strict(),
  ]),
);
const KeyValue = z.object({ key: z.string().min(1), value: AnyValue }).strict();
const Nanos = z.string().regex(/^\d{1,20}$/);
const Hex = (n: number) => z.string().regex(new RegExp(`^[0-9a-f]{${n}}$`));

export const OtlpSpan = z
  .object({
    traceId: Hex(32),
    spanId: Hex(16),
    parentSpanId: Hex(16).optional(),
    traceState: z.string().optional(),
    name: z.string().min(1),
    kind: z.number().int().min(0).max(5),
    startTimeUnixNano: Nanos,
    endTimeUnixNano: Nanos,
    attributes: z.array(KeyValue),
    droppedAttributesCount: z.number().int().min(0),
    events: z.array(z.object({ timeUnixNano: Nanos, name: z.string(), attributes: z.array(KeyValue), droppedAttributesCount: z.number().int().min(0) }).strict()),
    droppedEventsCount: z.number().int().min(0),
    links: z.array(z.object({ traceId: Hex(32), spanId: Hex(16), traceState: z.string().optional(), attributes: z.array(KeyValue), droppedAttributesCount: z.number().int().min(0), flags: z.number().int().optional() }).strict()),
    droppedLinksCount: z.number().int().min(0),
    status: z.object({ code: z.number().int().min(0).max(2), message: z.string().optional() }).strict(),
    flags: z.number().int().optional(),
  })
  .strict();

export const ExportTraceServiceRequest = z
  .object({
    resourceSpans: z.array(
      z
        .object({
          resource: z.object({ attributes: z.array(KeyValue), droppedAttributesCount: z.number().int().min(0) }).strict(),
          scopeSpans: z.array(z.object({ scope: z.object({ name: z.string(), version: z.string().optional() }).strict(), spans: z.array(OtlpSpan), schemaUrl: z.string().optional() }).strict()),
          schemaUrl: z.string().optional(),
        })
        .strict(),
    ),
  })
  .strict();

export type OtlpSpanT = z.infer<typeof OtlpSpan>;

/** Attribute values of a span as plain JS values. */
export function attrs(span: OtlpSpanT): Record<string, unknown> {
  const plain = (v: any): unknown =>
    'stringValue' in v ? v.stringValue : 'boolValue' in v ? v.boolValue : 'intValue' in v ? Number(v.intValue) : 'doubleValue' in v ? v.doubleValue : 'arrayValue' in v ? v.arrayValue.values.map(plain) : undefined;
  return Object.fromEntries(span.attributes.map((a) => [a.key, plain(a.value)]));
}
