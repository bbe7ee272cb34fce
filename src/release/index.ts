export { makeRelease, type ReleaseRequest, type ReleaseResult } from './make-release.ts';
export { verifyRelease } from './verify-release.ts';
export { writeKeyPair, fingerprint } from './keys.ts';
