export { gateVerdict, type GateEvidence } from './verdict.ts';
export { mutationEvidence, writeMutationReports, type MutationEvidence } from './mutation-evidence.ts';
