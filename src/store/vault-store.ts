import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Db } from './database.ts';
import type { StoredVaultEntry, VaultStorage } from '../core/index.ts';

/**
 * Per-run PII vault rows. The database holds ciphertext only; the key lives outside it
 * (TOLLGATE_VAULT_KEY or .tollgate/vault.key), so a copied database file reveals no raw PII.
 */
export class VaultStore implements VaultStorage {
  constructor(
    private readonly db: Db,
    private readonly key: Buffer,
  ) {
    if (key.length !== 32) throw new Error('vault key must be 32 bytes');
  }

  put(runId: string, entry: StoredVaultEntry): void {
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, nonce);
    cipher.setAAD(Buffer.from(`${runId}\u0000${entry.placeholder}`));
    const ciphertext = Buffer.concat([cipher.update(entry.value, 'utf8'), cipher.final()]);
    this.db
      .prepare('INSERT OR IGNORE INTO vault (run_id, placeholder, entity, nonce, ciphertext, tag) VALUES (?, ?, ?, ?, ?, ?)')
      .run(runId, entry.placeholder, entry.entity, nonce, ciphertext, cipher.getAuthTag());
  }

  list(runId: string): StoredVaultEntry[] {
    const rows = this.db.prepare('SELECT placeholder, entity, nonce, ciphertext, tag FROM vault WHERE run_id = ?').all(runId) as { placeholder: string; entity: string; nonce: Buffer; ciphertext: Buffer; tag: Buffer }[];
    return rows.map((r) => {
      const decipher = createDecipheriv('aes-256-gcm', this.key, r.nonce);
      decipher.setAAD(Buffer.from(`${runId}\u0000${r.placeholder}`));
      decipher.setAuthTag(r.tag);
      return { placeholder: r.placeholder, entity: r.entity, value: Buffer.concat([decipher.update(r.ciphertext), decipher.final()]).toString('utf8') };
    });
  }
}
