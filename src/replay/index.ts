export { replayRecording, type ReplayReport, type ReplayDivergence } from './replay.ts';
