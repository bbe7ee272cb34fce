import { randomBytes } from 'node:crypto';

/** Time-ordered, URL-safe IDs (`run_01J…`-like): a 48-bit millisecond prefix and 80 random bits. */
export function newId(prefix: string, now = Date.now()): string {
  const time = now.toString(36).padStart(9, '0');
  const random = randomBytes(10).toString('base64url').replace(/[-_]/g, 'x').slice(0, 12).toLowerCase();
  return `${prefix}_${time}${random}`;
}
