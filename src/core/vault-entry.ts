/** A tokenised value as stored: the raw value only as AES-256-GCM ciphertext. */
export interface StoredVaultEntry {
  readonly placeholder: string;
  readonly entity: string;
  readonly value: string;
}
