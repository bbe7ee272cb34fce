import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generateKeyPair } from '../bundle/index.ts';
import { UsageError } from '../shared/index.ts';

export { fingerprint } from '../bundle/index.ts';

/** A new Ed25519 pair: the private key at `file` (mode 0600, never over an existing key), the public one at `file.pub`. */
export function writeKeyPair(file: string): { keyId: string } {
  if (existsSync(file)) throw new UsageError(`${file} exists: refusing to overwrite a key`);
  const pair = generateKeyPair();
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  writeFileSync(file, pair.privateKeyPem, { mode: 0o600, flag: 'wx' });
  writeFileSync(`${file}.pub`, pair.publicKeyPem, { flag: 'wx' });
  return { keyId: pair.keyId };
}
