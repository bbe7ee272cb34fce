import path from 'node:path';
import { defaultDatabasePath, openDatabase } from '../store/index.ts';
import { AuditLog } from './audit-log.ts';

/**
 * The audit host: a project's audit log on its own, without loading its definitions (a chain must
 * verify even when the definitions do not), and where its checkpoint is kept by default.
 */
export function openAuditTrail(projectRoot: string, o: { dbFile?: string; init?: boolean; busyTimeoutMs?: number; checkpoint?: string } = {}): { log: AuditLog; checkpointFile: string; close: () => void } {
  const dbFile = o.dbFile ?? defaultDatabasePath(projectRoot);
  const db = openDatabase(dbFile, { init: o.init === true, ...(o.busyTimeoutMs !== undefined ? { busyTimeoutMs: o.busyTimeoutMs } : {}) });
  return { log: new AuditLog(db), checkpointFile: o.checkpoint ?? path.join(path.dirname(dbFile), 'audit.checkpoint'), close: () => db.close() };
}
