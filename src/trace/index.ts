export { buildTrace, captureContent, type TraceOptions } from './build-trace.ts';
export { writeOtlpFile, writeOtlpFileAsync, readRecording, parseRecording } from './otlp-file.ts';
export { RECORDING_EVENT, type Recording, type RecordedRun } from './recording.ts';
export { traceIdFor, spanIdFor } from './ids.ts';
export { SpanExport } from './span-export.ts';
export { otlpTarget, redactUrl, type OtlpTarget } from './otlp-target.ts';
