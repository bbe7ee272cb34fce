import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { keyId } from './dsse.ts';

/** A fresh Ed25519 key pair, PEM-encoded (PKCS#8 private, SPKI public). */
export function generateKeyPair(): { privateKeyPem: string; publicKeyPem: string; keyId: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    keyId: keyId(publicKey),
  };
}

/** The fingerprint of a public (or private) key PEM. */
export function fingerprint(pem: string): string {
  return keyId(createPublicKey(pem));
}
