import { createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { sha256Hex } from '../shared/index.ts';

/** A DSSE envelope (secure-systems-lab/dsse v1). */
export interface Envelope {
  readonly payloadType: string;
  /** Base64 of the exact payload bytes that were signed. */
  readonly payload: string;
  readonly signatures: { readonly keyid: string; readonly sig: string }[];
}

/** PAE(type, body) = "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body, lengths in bytes. */
export function pae(payloadType: string, body: Uint8Array): Buffer {
  const type = Buffer.from(payloadType, 'utf8');
  return Buffer.concat([Buffer.from(`DSSEv1 ${type.length} `), type, Buffer.from(` ${body.length} `), body]);
}

/** The key ID tollgate prints and pins: SHA-256 of the public key's SPKI DER, hex. */
export function keyId(publicKey: KeyObject): string {
  return sha256Hex(publicKey.export({ type: 'spki', format: 'der' }));
}

/** Signs with pure Ed25519 (no pre-hash): crypto.sign(null, PAE, key). */
export function signEnvelope(payloadType: string, payload: Uint8Array, privateKeyPem: string): Envelope {
  const key = createPrivateKey(privateKeyPem);
  const sig = sign(null, pae(payloadType, payload), key);
  return { payloadType, payload: Buffer.from(payload).toString('base64'), signatures: [{ keyid: keyId(createPublicKey(key)), sig: sig.toString('base64') }] };
}

/** True when any signature verifies under the pinned key, over the bytes as received. */
export function verifyEnvelope(envelope: Envelope, publicKeyPem: string): boolean {
  const key = createPublicKey(publicKeyPem);
  const body = Buffer.from(envelope.payload, 'base64');
  return envelope.signatures.some((s) => {
    try {
      return verify(null, pae(envelope.payloadType, body), key, Buffer.from(s.sig, 'base64'));
    } catch {
      return false;
    }
  });
}
