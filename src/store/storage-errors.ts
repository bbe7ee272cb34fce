import { StorageError } from '../shared/errors.ts';

/** The database file this process opened last: what a storage error names when it arises later. */
let current: string | undefined;
export const noteDatabaseFile = (file: string): void => {
  current = file;
};

/**
 * A storage failure as the user can act on it, or undefined when the error is something else.
 * SQLite reports conditions by code (`SQLITE_BUSY`, `SQLITE_READONLY_DBMOVED`…), the file system by
 * errno (`ENOSPC`, `EROFS`).
 */
export function asStorageError(error: unknown, file: string | undefined = current): StorageError | undefined {
  if (error instanceof StorageError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return undefined;
  const where = file ?? 'the database';
  const detail = error instanceof Error ? error.message : String(error);
  if (/^SQLITE_(BUSY|LOCKED)/.test(code)) return new StorageError('TG_STORAGE_BUSY', `${where} is locked by another process: try again when it is done (a write waits for a lock up to TOLLGATE_BUSY_TIMEOUT_MS, 5000 by default)`, error);
  if (/^SQLITE_READONLY/.test(code) || code === 'EROFS' || ((code === 'EACCES' || code === 'EPERM') && file !== undefined)) return new StorageError('TG_STORAGE_READONLY', `${where} cannot be written (${detail}): tollgate records runs and their journal there; check the file's permissions and attributes, or point TOLLGATE_DB elsewhere`, error);
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') return new StorageError('TG_STORAGE_FULL', `the disk holding ${where} is full (${detail}): free some space and run again (nothing was half-written)`, error);
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') return new StorageError('TG_STORAGE_CORRUPT', `${where} is not a usable tollgate database (${detail}): restore it from a backup, or move it aside to start a new one`, error);
  if (code === 'SQLITE_CANTOPEN') return new StorageError('TG_STORAGE_CANTOPEN', `${where} cannot be opened (${detail}): check that its folder exists and can be written`, error);
  if (/^SQLITE_IOERR/.test(code) || code === 'EIO') return new StorageError('TG_STORAGE_IO', `reading or writing ${where} failed (${detail})`, error);
  return undefined;
}
