import { hash } from 'node:crypto';
import { canonicalJson } from './canonical-json.ts';

/** Hex SHA-256 of a string or bytes (one-shot: half the cost of createHash for journal-sized inputs). */
export function sha256Hex(data: string | Uint8Array): string {
  return hash('sha256', data, 'hex');
}

/** SHA-256 of a value's canonical JSON: equal values, equal digests. */
export function digestOf(value: unknown): string {
  return sha256Hex(canonicalJson(value));
}
