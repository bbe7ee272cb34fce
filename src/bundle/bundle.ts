import { z } from 'zod';
import { sha256Hex } from '../shared/index.ts';
import { signEnvelope, verifyEnvelope, type Envelope } from './dsse.ts';

export const PAYLOAD_TYPE = 'application/vnd.in-toto+json';
export const STATEMENT_TYPE = 'https://in-toto.io/Statement/v1';
export const PREDICATE_TYPE = 'https://tollgate.dev/release/v1';

/** What a release asserts about itself, signed with the files it names. */
export interface ReleasePredicate {
  readonly name: string;
  readonly version: number;
  readonly created: string;
  readonly expires: string;
  readonly git_commit: string | null;
  readonly gate: { readonly pass: boolean; readonly cases: number; readonly passed: number };
  readonly report_digest: { readonly sha256: string };
  readonly models: Record<string, string>;
  /** The canary report that supported a model change, if any. */
  readonly canary?: { readonly verdict: string; readonly baseline: string; readonly candidate: string; readonly sha256: string } | null;
  /** The gold suite's mutation score for exactly these files, and the bundled report it comes from. */
  readonly mutation?: { readonly score: number; readonly killed: number; readonly survived: number; readonly ignored: number; readonly total: number; readonly suite_digest: string; readonly sha256: string } | null;
  /** Share of policy and workflow rule sides the gold cases exercise. */
  readonly coverage?: { readonly ratio: number; readonly covered: number; readonly total: number } | null;
}

export interface Statement {
  readonly _type: string;
  readonly subject: { readonly name: string; readonly digest: { readonly sha256: string } }[];
  readonly predicateType: string;
  readonly predicate: ReleasePredicate;
}

/** The bundle file: the envelope and the files it signs (base64). */
export interface BundleFile {
  readonly tollgate_bundle: 1;
  readonly envelope: Envelope;
  readonly files: Record<string, string>;
}

export const REPORT_PATH = 'report.json';
export const MUTATION_PATH = 'mutation.json';

/** Builds and signs a bundle of `files` (path → bytes). */
export function createBundle(files: Record<string, Uint8Array>, predicate: ReleasePredicate, privateKeyPem: string): BundleFile {
  const subject = Object.keys(files).sort().map((name) => ({ name, digest: { sha256: sha256Hex(files[name]!) } }));
  const statement: Statement = { _type: STATEMENT_TYPE, subject, predicateType: PREDICATE_TYPE, predicate };
  const envelope = signEnvelope(PAYLOAD_TYPE, Buffer.from(JSON.stringify(statement), 'utf8'), privateKeyPem);
  return { tollgate_bundle: 1, envelope, files: Object.fromEntries(Object.entries(files).map(([p, b]) => [p, Buffer.from(b).toString('base64')])) };
}

export const BundleProblem = {
  Malformed: 'TG_BUNDLE_MALFORMED',
  Signature: 'TG_BUNDLE_SIGNATURE',
  PayloadType: 'TG_BUNDLE_PAYLOAD_TYPE',
  Statement: 'TG_BUNDLE_STATEMENT',
  Files: 'TG_BUNDLE_FILES',
  Tampered: 'TG_BUNDLE_TAMPERED',
  Gate: 'TG_BUNDLE_GATE_FAILED',
  Expired: 'TG_BUNDLE_EXPIRED',
  Rollback: 'TG_BUNDLE_ROLLBACK',
} as const;

/** What the bundle file must look like before anything in it is read. */
const BundleFileShape = z.object({
  tollgate_bundle: z.literal(1),
  envelope: z.object({
    payloadType: z.string(),
    payload: z.string(),
    signatures: z.array(z.object({ keyid: z.string(), sig: z.string() }).passthrough()).min(1),
  }),
  files: z.record(z.string(), z.string()),
});

/** What the signed statement must hold for the checks that follow. */
const StatementShape = z.object({
  subject: z.array(z.object({ name: z.string().min(1), digest: z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/) }) })).min(1),
  predicate: z
    .object({
      version: z.number().int().positive(),
      expires: z.string().refine((x) => !Number.isNaN(Date.parse(x)), 'expected a date'),
      gate: z.object({ pass: z.boolean() }).passthrough(),
      report_digest: z.object({ sha256: z.string() }),
    })
    .passthrough(),
});

export type VerifyResult =
  | { readonly ok: true; readonly statement: Statement; readonly files: Record<string, Buffer> }
  | { readonly ok: false; readonly code: (typeof BundleProblem)[keyof typeof BundleProblem]; readonly message: string };

/**
 * Verifies the bytes received, in OPA's and TUF's order: signature by the pinned key → payload
 * type → statement type → the file set matches exactly → every digest → gate passed → version
 * newer than the last accepted → not expired. Nothing in the bundle is used before all pass.
 */
export function verifyBundle(bytes: Uint8Array, publicKeyPem: string, options: { now?: Date; lastAcceptedVersion?: number } = {}): VerifyResult {
  const fail = (code: (typeof BundleProblem)[keyof typeof BundleProblem], message: string): VerifyResult => ({ ok: false, code, message });
  let bundle: BundleFile;
  try {
    const parsed = BundleFileShape.safeParse(JSON.parse(Buffer.from(bytes).toString('utf8')));
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      return fail(BundleProblem.Malformed, `not a tollgate bundle: ${issue.path.join('.') || 'the file'}: ${issue.message}`);
    }
    bundle = parsed.data;
  } catch (error) {
    return fail(BundleProblem.Malformed, `not a tollgate bundle: ${(error as Error).message}`);
  }
  if (!verifyEnvelope(bundle.envelope, publicKeyPem)) return fail(BundleProblem.Signature, 'no signature verifies under the trusted key (wrong key, or the envelope or payload was changed)');
  if (bundle.envelope.payloadType !== PAYLOAD_TYPE) return fail(BundleProblem.PayloadType, `payload type is ${bundle.envelope.payloadType}, expected ${PAYLOAD_TYPE}`);
  let statement: Statement;
  try {
    statement = JSON.parse(Buffer.from(bundle.envelope.payload, 'base64').toString('utf8')) as Statement;
  } catch {
    return fail(BundleProblem.Statement, 'the signed payload is not JSON');
  }
  if (statement._type !== STATEMENT_TYPE || statement.predicateType !== PREDICATE_TYPE || !Array.isArray(statement.subject)) {
    return fail(BundleProblem.Statement, `the payload is not an in-toto ${STATEMENT_TYPE} statement with predicate ${PREDICATE_TYPE}`);
  }
  // Signed is not the same as well-formed: a statement of the wrong shape is refused, never half-read.
  const shape = StatementShape.safeParse(statement);
  if (!shape.success) {
    const issue = shape.error.issues[0]!;
    return fail(BundleProblem.Statement, `the statement is malformed: ${issue.path.join('.')}: ${issue.message}`);
  }
  const named = new Set(statement.subject.map((s) => s.name));
  const present = new Set(Object.keys(bundle.files));
  const missing = [...named].filter((n) => !present.has(n));
  const extra = [...present].filter((n) => !named.has(n));
  if (missing.length || extra.length) {
    return fail(BundleProblem.Files, [missing.length ? `missing: ${missing.join(', ')}` : '', extra.length ? `not signed: ${extra.join(', ')}` : ''].filter(Boolean).join('; '));
  }
  const files: Record<string, Buffer> = {};
  for (const s of statement.subject) {
    const data = Buffer.from(bundle.files[s.name]!, 'base64');
    if (sha256Hex(data) !== s.digest.sha256) return fail(BundleProblem.Tampered, `${s.name} does not match its signed digest`);
    files[s.name] = data;
  }
  const p = statement.predicate;
  if (!p.gate?.pass) return fail(BundleProblem.Gate, 'the bundle records a failed gate');
  if (!files[REPORT_PATH] || sha256Hex(files[REPORT_PATH]) !== p.report_digest?.sha256) return fail(BundleProblem.Tampered, 'the eval report does not match the signed report digest');
  if (p.mutation && (!files[MUTATION_PATH] || sha256Hex(files[MUTATION_PATH]) !== p.mutation.sha256)) return fail(BundleProblem.Tampered, 'the mutation report does not match the signed mutation digest');
  if (options.lastAcceptedVersion !== undefined && !(p.version > options.lastAcceptedVersion)) {
    return fail(BundleProblem.Rollback, `version ${p.version} is not newer than the accepted version ${options.lastAcceptedVersion}`);
  }
  const now = options.now ?? new Date();
  if (!(Date.parse(p.expires) > now.getTime())) return fail(BundleProblem.Expired, `the bundle expired at ${p.expires}`);
  return { ok: true, statement, files };
}
