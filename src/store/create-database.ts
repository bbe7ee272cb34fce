import { randomBytes } from 'node:crypto';
import { linkSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3';

/**
 * Makes a new database file whole before it appears: built under a temporary name (`prepare` sets
 * it up) and linked into place, so a process opening the path at the same moment finds no file or
 * a complete one, never the empty file SQLite starts from (which openDatabase refuses as a
 * truncated database). When another process wins, its file is used.
 */
export function createDatabaseFile(file: string, prepare: (db: Database.Database) => void): void {
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.new`;
  try {
    const db = new Database(temp);
    try {
      prepare(db);
    } finally {
      db.close();
    }
    try {
      linkSync(temp, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  } finally {
    for (const leftover of [temp, `${temp}-wal`, `${temp}-shm`]) rmSync(leftover, { force: true });
  }
}
