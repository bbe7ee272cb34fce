import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, digestOf } from '../../src/shared/index.ts';

/** The reference: RFC 8785 as the `canonicalize` package writes it, BigInt turned into numbers first. */
function reference(value: unknown): string | undefined {
  const plain = (v: unknown): unknown => {
    if (typeof v === 'bigint') return Number(v);
    if (Array.isArray(v)) return v.map(plain);
    if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined).map(([k, x]) => [k, plain(x)]));
    return v;
  };
  return canonicalize(plain(value));
}

const key = fc.oneof(fc.string(), fc.constantFrom('a', 'B', 'é', '\u{1F600}', '10', '1', '', 'a\u0000b', '\u2028'));
const leaf = fc.oneof(
  fc.string({ unit: 'grapheme' }), fc.string(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer(), fc.boolean(), fc.constant(null),
  fc.constant(undefined), fc.bigInt({ min: -(2n ** 53n) + 1n, max: 2n ** 53n - 1n }), fc.constantFrom(1e21, 1e-7, -0, 5e-324, 0.1 + 0.2),
);
const json = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('value'), { maxLength: 5 }), fc.dictionary(key, tie('value'), { maxKeys: 6 })),
})).value;

describe('canonical JSON', () => {
  it('writes exactly what the RFC 8785 reference writes, for any JSON-like value', () => {
    fc.assert(fc.property(json, (value) => {
      if (value === undefined) return;
      expect(canonicalJson(value)).toBe(reference(value));
    }), { numRuns: 3000 });
  });

  it('sorts keys by UTF-16 code units and writes numbers the ECMAScript way', () => {
    expect(canonicalJson({ b: 1, a: [1e21, 1e-7, -0, 0.000001, 100], '\u{1F600}': true, '\uFB33': false, é: null })).toBe('{"a":[1e+21,1e-7,0,0.000001,100],"b":1,"é":null,"\u{1F600}":true,"\uFB33":false}');
  });

  it('refuses what has no canonical form: lone surrogates, NaN, Infinity, unsafe integers', () => {
    expect(() => canonicalJson({ a: '\uD800' })).toThrow(/surrogate/);
    expect(() => canonicalJson([Number.NaN])).toThrow();
    expect(() => canonicalJson({ x: Infinity })).toThrow();
    expect(() => canonicalJson(2n ** 60n)).toThrow(/safe range/);
    expect(() => canonicalJson(undefined)).toThrow(/cannot be canonicalised/);
  });

  it('digests equal values equally whatever their key order or integer type', () => {
    expect(digestOf({ a: 1n, b: [2, 'x'] })).toBe(digestOf({ b: [2, 'x'], a: 1 }));
    expect(digestOf({ a: 'hello' })).toBe('7dee12d1e30857e2bd84d9dff7f63e2d5b97f575d015f4b4f26d86c671110134'); // sha256sum of {"a":"hello"}
  });
});
