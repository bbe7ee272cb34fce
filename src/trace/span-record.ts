import { SpanStatusCode, type Attributes, type AttributeValue, type HrTime, type Link, type SpanContext, type SpanKind, type SpanStatus } from '@opentelemetry/api';
import type { Resource } from '@opentelemetry/resources';
import type { ReadableSpan, TimedEvent } from '@opentelemetry/sdk-trace-base';

/** Epoch milliseconds as OpenTelemetry's [seconds, nanoseconds] (as the SDK's millisToHrTime). */
export function hrTimeOf(ms: number): HrTime {
  return [Math.trunc(ms / 1000), Math.round((ms % 1000) * 1e6)];
}

export interface SpanStart {
  readonly name: string;
  readonly kind: SpanKind;
  readonly context: SpanContext;
  readonly parent: SpanContext | undefined;
  readonly startMs: number;
  readonly resource: Resource;
  readonly scope: { readonly name: string; readonly version: string };
}

/**
 * A span as exporters read it, written straight from journal times. A trace is rebuilt from a
 * journal after the fact, not recorded live, so the SDK's tracer (context, sampling, clocks) was
 * only overhead: most of a trace's cost. Values the SDK would drop (null, undefined) are dropped.
 */
export class SpanRecord implements ReadableSpan {
  readonly name: string;
  readonly kind: SpanKind;
  readonly parentSpanContext: SpanContext | undefined;
  readonly startTime: HrTime;
  readonly resource: Resource;
  readonly instrumentationScope: { readonly name: string; readonly version: string };
  readonly attributes: Attributes = {};
  readonly events: TimedEvent[] = [];
  readonly links: Link[] = [];
  readonly droppedAttributesCount = 0;
  readonly droppedEventsCount = 0;
  readonly droppedLinksCount = 0;
  status: SpanStatus = { code: SpanStatusCode.UNSET };
  endTime: HrTime = [0, 0];
  ended = false;
  readonly #context: SpanContext;
  readonly #startMs: number;

  constructor(start: SpanStart, attributes: Attributes, private readonly onEnd: (span: SpanRecord) => void) {
    this.name = start.name;
    this.kind = start.kind;
    this.#context = start.context;
    this.parentSpanContext = start.parent;
    this.#startMs = start.startMs;
    this.startTime = hrTimeOf(start.startMs);
    this.resource = start.resource;
    this.instrumentationScope = start.scope;
    this.setAttributes(attributes);
  }

  spanContext(): SpanContext {
    return this.#context;
  }

  get duration(): HrTime {
    const ns = (this.endTime[0] - this.startTime[0]) * 1e9 + (this.endTime[1] - this.startTime[1]);
    return [Math.trunc(ns / 1e9), ns % 1e9];
  }

  setAttributes(attributes: Attributes): this {
    for (const key in attributes) this.setAttribute(key, attributes[key]);
    return this;
  }

  setAttribute(key: string, value: AttributeValue | undefined): this {
    if (!this.ended && value !== undefined && value !== null) this.attributes[key] = value;
    return this;
  }

  addEvent(name: string, attributes: Attributes, atMs: number): this {
    if (!this.ended) this.events.push({ name, attributes, time: hrTimeOf(atMs), droppedAttributesCount: 0 });
    return this;
  }

  addLink(link: Link): this {
    this.links.push(link);
    return this;
  }

  setStatus(status: SpanStatus): this {
    this.status = status;
    return this;
  }

  /** The same span without its events (on the root they carry the journal): what leaves the machine when content is not captured. */
  withoutEvents(): SpanRecord {
    const start = { name: this.name, kind: this.kind, context: this.#context, parent: this.parentSpanContext, startMs: this.#startMs, resource: this.resource, scope: this.instrumentationScope };
    const copy = new SpanRecord(start, this.attributes, () => undefined);
    copy.links.push(...this.links);
    copy.status = this.status;
    copy.endTime = this.endTime;
    copy.ended = this.ended;
    return copy;
  }

  /** Ends at `atMs`, never before the start (a span ending earlier lasts 0 ms, as in the SDK). */
  end(atMs: number): void {
    if (this.ended) return;
    this.endTime = hrTimeOf(Math.max(atMs, this.#startMs));
    this.ended = true;
    this.onEnd(this);
  }
}
