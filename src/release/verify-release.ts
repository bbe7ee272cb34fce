import path from 'node:path';
import { verifyBundle, type VerifyResult } from '../bundle/index.ts';
import { AcceptedVersion } from '../runtime/bundles.ts';

/**
 * A bundle checked as the runtime checks it: signature, statement, files, gate, expiry, and with
 * `stateDir` the runtime's rule of never going back past the version it accepted last.
 */
export function verifyRelease(bytes: Buffer, trustedPublicKeyPem: string, stateDir?: string): { result: VerifyResult | { ok: false; code: 'TG_BUNDLE_ROLLBACK'; message: string }; accepted: number | undefined } {
  const verified = verifyBundle(bytes, trustedPublicKeyPem);
  const accepted = stateDir ? new AcceptedVersion(path.join(stateDir, 'accepted-version.json')).get() : undefined;
  // The same version again is a restart, not a rollback.
  if (verified.ok && accepted !== undefined && verified.statement.predicate.version < accepted) {
    return { result: { ok: false, code: 'TG_BUNDLE_ROLLBACK', message: `version ${verified.statement.predicate.version} is older than the version ${accepted} the runtime at ${stateDir} accepted` }, accepted };
  }
  return { result: verified, accepted };
}
