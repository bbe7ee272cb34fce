import canonicalize from 'canonicalize';

/**
 * RFC 8785 canonical JSON. BigInt (CEL integers) become numbers when safe, so equal values
 * always hash equally whichever evaluator produced them.
 */
export function canonicalJson(value: unknown): string {
  const text = canonicalize(normalise(value));
  if (text === undefined) throw new TypeError('value cannot be canonicalised');
  return text;
}

function normalise(value: unknown): unknown {
  if (typeof value === 'bigint') {
    const n = Number(value);
    if (!Number.isSafeInteger(n)) throw new RangeError(`integer ${value} is outside the safe range`);
    return n;
  }
  if (Array.isArray(value)) return value.map(normalise);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = normalise(v);
    return out;
  }
  return value;
}
