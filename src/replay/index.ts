export { replayRecording, type ReplayReport, type ReplayDivergence } from './replay.ts';
export { replayWithModel, type ModelReplay } from './with-model.ts';
export { changeLines } from './change-lines.ts';
