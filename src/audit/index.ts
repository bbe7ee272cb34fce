export { AuditLog, readCheckpoint, writeCheckpoint, type AuditCheckpoint } from './audit-log.ts';
export { verifyChain, chainHash, nextRow, GENESIS_HASH, type AuditRow, type AuditBody, type ChainProblem } from './chain.ts';
export { openAuditTrail } from './audit-trail.ts';
