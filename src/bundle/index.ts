export { pae, signEnvelope, verifyEnvelope, keyId, type Envelope } from './dsse.ts';
export { createBundle, verifyBundle, BundleProblem, PAYLOAD_TYPE, STATEMENT_TYPE, PREDICATE_TYPE, REPORT_PATH, MUTATION_PATH, type BundleFile, type Statement, type ReleasePredicate, type VerifyResult } from './bundle.ts';
export { generateKeyPair, fingerprint } from './keys.ts';
