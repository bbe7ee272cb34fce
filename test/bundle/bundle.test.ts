import { describe, expect, it } from 'vitest';
import { createBundle, generateKeyPair, pae, REPORT_PATH, verifyBundle, type BundleFile, type ReleasePredicate } from '../../src/bundle/index.ts';
import { sha256Hex } from '../../src/shared/index.ts';

const signer = generateKeyPair();
const other = generateKeyPair();
const enc = new TextEncoder();
const report = enc.encode('{"totals":{"cases":2,"passed":2}}');

function predicate(over: Partial<ReleasePredicate> = {}): ReleasePredicate {
  return {
    name: 'acme', version: 3, created: '2026-11-24T00:00:00.000Z', expires: '2027-02-22T00:00:00.000Z', git_commit: null,
    gate: { pass: true, cases: 2, passed: 2 }, report_digest: { sha256: sha256Hex(report) }, models: { 'llama3.2:3b': 'unpinned' }, ...over,
  };
}
const files = () => ({ 'workflows/refund.yaml': enc.encode('id: refund\n'), 'workflows/policies/p.yaml': enc.encode('id: p\n'), [REPORT_PATH]: report });
const bytes = (b: BundleFile) => enc.encode(JSON.stringify(b));
const now = new Date('2026-12-01T00:00:00Z');
const verify = (b: BundleFile, opts: { lastAcceptedVersion?: number; now?: Date } = {}, key = signer.publicKeyPem) => verifyBundle(bytes(b), key, { now, ...opts });
const payloadOf = (b: BundleFile) => JSON.parse(Buffer.from(b.envelope.payload, 'base64').toString('utf8'));
const withPayload = (b: BundleFile, payload: unknown): BundleFile => ({ ...b, envelope: { ...b.envelope, payload: Buffer.from(JSON.stringify(payload)).toString('base64') } });

describe('DSSE', () => {
  it('PAE matches the specification test vector', () => {
    expect(pae('http://example.com/HelloWorld', enc.encode('hello world')).toString()).toBe('DSSEv1 29 http://example.com/HelloWorld 11 hello world');
  });
});

describe('release bundles: verification refuses every kind of tampering', () => {
  const good = createBundle(files(), predicate(), signer.privateKeyPem);

  it('a fresh bundle verifies and names every file with its digest', () => {
    const r = verify(good);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.statement.subject.map((s) => s.name)).toEqual(['report.json', 'workflows/policies/p.yaml', 'workflows/refund.yaml']);
  });

  const cases: [string, (b: BundleFile) => BundleFile, string][] = [
    ['a changed workflow', (b) => ({ ...b, files: { ...b.files, 'workflows/refund.yaml': Buffer.from('id: refund\nversion: 9\n').toString('base64') } }), 'TG_BUNDLE_TAMPERED'],
    ['a changed policy', (b) => ({ ...b, files: { ...b.files, 'workflows/policies/p.yaml': Buffer.from('id: p\ntools: { allow: ["*"] }\n').toString('base64') } }), 'TG_BUNDLE_TAMPERED'],
    ['a changed report', (b) => ({ ...b, files: { ...b.files, [REPORT_PATH]: Buffer.from('{"totals":{"cases":2,"passed":1}}').toString('base64') } }), 'TG_BUNDLE_TAMPERED'],
    ['a changed manifest (the signed statement)', (b) => withPayload(b, { ...payloadOf(b), predicate: { ...payloadOf(b).predicate, version: 99 } }), 'TG_BUNDLE_SIGNATURE'],
    ['a changed envelope signature', (b) => ({ ...b, envelope: { ...b.envelope, signatures: [{ ...b.envelope.signatures[0]!, sig: Buffer.alloc(64, 7).toString('base64') }] } }), 'TG_BUNDLE_SIGNATURE'],
    ['a changed payload type', (b) => ({ ...b, envelope: { ...b.envelope, payloadType: 'application/json' } }), 'TG_BUNDLE_SIGNATURE'],
    ['a file added', (b) => ({ ...b, files: { ...b.files, 'workflows/backdoor.yaml': Buffer.from('id: backdoor\n').toString('base64') } }), 'TG_BUNDLE_FILES'],
    ['a file removed', (b) => ({ ...b, files: Object.fromEntries(Object.entries(b.files).filter(([k]) => k !== 'workflows/policies/p.yaml')) }), 'TG_BUNDLE_FILES'],
    ['garbage', () => ({ nope: true }) as unknown as BundleFile, 'TG_BUNDLE_MALFORMED'],
    ['an envelope without its payload', (b) => ({ ...b, envelope: { ...b.envelope, payload: undefined } }) as unknown as BundleFile, 'TG_BUNDLE_MALFORMED'],
    ['a file entry that is not a string', (b) => ({ ...b, files: { ...b.files, 'workflows/refund.yaml': 12 } }) as unknown as BundleFile, 'TG_BUNDLE_MALFORMED'],
    ['no signatures', (b) => ({ ...b, envelope: { ...b.envelope, signatures: [] } }), 'TG_BUNDLE_MALFORMED'],
    ['a signature that is not a string', (b) => ({ ...b, envelope: { ...b.envelope, signatures: [{ keyid: 'k', sig: null }] } }) as unknown as BundleFile, 'TG_BUNDLE_MALFORMED'],
    ['JSON that is not an object', () => [] as unknown as BundleFile, 'TG_BUNDLE_MALFORMED'],
  ];
  for (const [name, tamper, code] of cases) {
    it(`refuses ${name}`, () => {
      expect(verify(tamper(structuredClone(good)))).toMatchObject({ ok: false, code });
    });
  }

  it('refuses a correctly signed statement of the wrong shape, and never throws', () => {
    const bad = (predicateOver: object) => createBundle(files(), predicate(predicateOver as Partial<ReleasePredicate>), signer.privateKeyPem);
    expect(verify(bad({ version: 'three' }))).toMatchObject({ ok: false, code: 'TG_BUNDLE_STATEMENT', message: 'the statement is malformed: predicate.version: Invalid input: expected number, received string' });
    expect(verify(bad({ expires: 'someday' }))).toMatchObject({ ok: false, code: 'TG_BUNDLE_STATEMENT', message: 'the statement is malformed: predicate.expires: expected a date' });
    expect(verify(bad({ gate: undefined }))).toMatchObject({ ok: false, code: 'TG_BUNDLE_STATEMENT' });
  });

  it('refuses a bundle signed by another key', () => {
    expect(verify(good, {}, other.publicKeyPem)).toMatchObject({ ok: false, code: 'TG_BUNDLE_SIGNATURE' });
  });

  it('refuses an expired bundle', () => {
    expect(verify(good, { now: new Date('2027-03-01T00:00:00Z') })).toMatchObject({ ok: false, code: 'TG_BUNDLE_EXPIRED', message: 'the bundle expired at 2027-02-22T00:00:00.000Z' });
  });

  it('refuses a rollback to an older or equal version', () => {
    expect(verify(good, { lastAcceptedVersion: 3 })).toMatchObject({ ok: false, code: 'TG_BUNDLE_ROLLBACK' });
    expect(verify(good, { lastAcceptedVersion: 2 }).ok).toBe(true);
  });

  it('refuses a correctly signed bundle that records a failed gate', () => {
    const failed = createBundle(files(), predicate({ gate: { pass: false, cases: 2, passed: 1 } }), signer.privateKeyPem);
    expect(verify(failed)).toMatchObject({ ok: false, code: 'TG_BUNDLE_GATE_FAILED' });
  });
});

describe('the runtime refuses the same tampering before using anything', () => {
  it('acceptBundle writes nothing for any refused bundle', async () => {
    const { acceptBundle, AcceptedVersion } = await import('../../src/runtime/bundles.ts');
    const { mkdtempSync, existsSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const good = createBundle(files(), predicate(), signer.privateKeyPem);
    const tampered: [string, BundleFile, string][] = [
      ['workflow', { ...good, files: { ...good.files, 'workflows/refund.yaml': Buffer.from('x').toString('base64') } }, 'TG_BUNDLE_TAMPERED'],
      ['file added', { ...good, files: { ...good.files, 'x.yaml': 'eA==' } }, 'TG_BUNDLE_FILES'],
      ['envelope', { ...good, envelope: { ...good.envelope, signatures: [] } }, 'TG_BUNDLE_MALFORMED'],
      ['another signer', createBundle(files(), predicate(), other.privateKeyPem), 'TG_BUNDLE_SIGNATURE'],
      ['expired', createBundle(files(), predicate({ expires: '2026-01-01T00:00:00.000Z' }), signer.privateKeyPem), 'TG_BUNDLE_EXPIRED'],
      ['failed gate', createBundle(files(), predicate({ gate: { pass: false, cases: 2, passed: 1 } }), signer.privateKeyPem), 'TG_BUNDLE_GATE_FAILED'],
    ];
    for (const [name, bundle, code] of tampered) {
      const dir = mkdtempSync(path.join(tmpdir(), 'tollgate-accept-'));
      expect(() => acceptBundle(bytes(bundle), signer.publicKeyPem, path.join(dir, 'bundles'), new AcceptedVersion(path.join(dir, 'v.json'))), name).toThrow(expect.objectContaining({ code }));
      expect(existsSync(path.join(dir, 'bundles')), name).toBe(false);
      expect(existsSync(path.join(dir, 'v.json')), name).toBe(false);
    }
  });
});
