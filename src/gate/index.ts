export { gateVerdict, type GateEvidence } from './verdict.ts';
export { mutationEvidence, writeMutationReports } from './mutation-evidence.ts';
