import { randomBytes } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { TollgateError } from '../shared/index.ts';

/**
 * The key that encrypts tokenised PII in the database: `TOLLGATE_VAULT_KEY` (64 hex characters),
 * else `vault.key` beside the database, created once with mode 0600. Never inside the database.
 */
export function vaultKey(dbPath: string): Buffer {
  const fromEnv = process.env.TOLLGATE_VAULT_KEY;
  if (fromEnv) {
    if (!/^[0-9a-fA-F]{64}$/.test(fromEnv)) throw new TollgateError('TG_VAULT_KEY_INVALID', 'TOLLGATE_VAULT_KEY must be 64 hex characters (32 bytes)');
    return Buffer.from(fromEnv, 'hex');
  }
  const file = path.join(path.dirname(path.resolve(dbPath)), 'vault.key');
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    // Written whole under another name, then linked: a process starting at the same moment reads
    // this key or its own, never a file that exists but is not written yet.
    const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
    try {
      writeFileSync(temp, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
      linkSync(temp, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      rmSync(temp, { force: true });
    }
  }
  const text = readFileSync(file, 'utf8').trim();
  if (!/^[0-9a-f]{64}$/.test(text)) throw new TollgateError('TG_VAULT_KEY_INVALID', `${file} is not a vault key (64 hex characters)`);
  return Buffer.from(text, 'hex');
}
