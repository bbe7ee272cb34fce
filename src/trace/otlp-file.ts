import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { TollgateError } from '../shared/index.ts';
import type { JournalRow } from '../core/index.ts';
import { otlpJson } from './otlp-json.ts';
import { RECORDING_EVENT, type RecordedRun, type Recording } from './recording.ts';

/**
 * Writes spans as one OTLP/JSON ExportTraceServiceRequest on a single line: a valid `.json` file
 * and a valid line of the OTel file exporter's `.jsonl` form. Replaced atomically.
 */
export function writeOtlpFile(file: string, spans: readonly ReadableSpan[]): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, `${otlpJson(spans)}\n`);
  renameSync(temp, file);
}

/**
 * As writeOtlpFile, the bytes written off this thread (libuv's pool): a gold-case eval goes on
 * with its next cases meanwhile. The JSON is made here, so the spans may change once it returns.
 */
export async function writeOtlpFileAsync(file: string, spans: readonly ReadableSpan[]): Promise<void> {
  const text = `${otlpJson(spans)}\n`;
  await mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, text);
  await rename(temp, file);
}

interface OtlpAttribute {
  key: string;
  value: { stringValue?: string };
}
interface OtlpSpan {
  parentSpanId?: string;
  events?: { name: string; attributes?: OtlpAttribute[] }[];
}

/** Reads the recording back out of a trace file written by tollgate (root span events). */
export function readRecording(file: string): Recording {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new TollgateError('TG_TRACE_UNREADABLE', `${file}: not an OTLP JSON trace (${(error as Error).message.split('\n')[0]})`);
  }
  return parseRecording(text, file);
}

/** The recording inside the text of a trace file; `file` names it in errors. */
export function parseRecording(fileText: string, file: string): Recording {
  let request: { resourceSpans?: { scopeSpans?: { spans?: OtlpSpan[] }[] }[] };
  try {
    const text = fileText.split('\n').find((line) => line.trim() !== '') ?? '';
    request = JSON.parse(text);
  } catch (error) {
    throw new TollgateError('TG_TRACE_UNREADABLE', `${file}: not an OTLP JSON trace (${(error as Error).message.split('\n')[0]})`);
  }
  const spans = (request.resourceSpans ?? []).flatMap((r) => (r.scopeSpans ?? []).flatMap((s) => s.spans ?? []));
  const root = spans.find((s) => !s.parentSpanId && s.events?.some((e) => e.name === RECORDING_EVENT.run));
  if (!root) throw new TollgateError('TG_TRACE_NO_RECORDING', `${file}: the trace holds no tollgate recording (was it written by tollgate?)`);
  const value = (e: { attributes?: OtlpAttribute[] }, key: string) => e.attributes?.find((a) => a.key === key)?.value.stringValue;
  const runEvent = root.events!.find((e) => e.name === RECORDING_EVENT.run)!;
  const run = JSON.parse(value(runEvent, 'tollgate.recording') ?? '{}') as RecordedRun;
  const journal = root.events!.filter((e) => e.name === RECORDING_EVENT.journal).map((e) => JSON.parse(value(e, 'tollgate.journal') ?? 'null') as JournalRow);
  journal.sort((a, b) => a.seq - b.seq);
  return { run, journal };
}
