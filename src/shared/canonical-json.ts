/**
 * RFC 8785 canonical JSON in one pass (the `canonicalize` package's output, which the tests hold it
 * to). BigInt (CEL integers) become numbers when safe, so equal values always hash equally whichever
 * evaluator produced them. Hand-written because every journal row is digested: this is the engine's
 * hottest path.
 */
export function canonicalJson(value: unknown): string {
  const text = write(value);
  if (text === undefined) throw new TypeError('value cannot be canonicalised');
  return text;
}

function write(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
      if (!value.isWellFormed()) throw new Error('Lone surrogate is not allowed');
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new Error(`${value} is not allowed`);
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint': {
      const n = Number(value);
      if (!Number.isSafeInteger(n)) throw new RangeError(`integer ${value} is outside the safe range`);
      return String(n);
    }
    case 'object':
      if (value === null) return 'null';
      return Array.isArray(value) ? writeArray(value) : writeObject(value as Record<string, unknown>);
    default:
      return undefined; // undefined, functions and symbols: left out of objects, null in arrays
  }
}

function writeArray(items: readonly unknown[]): string {
  let out = '[';
  for (let i = 0; i < items.length; i++) out += (i ? ',' : '') + (write(items[i]) ?? 'null');
  return `${out}]`;
}

function writeObject(object: Record<string, unknown>): string {
  let out = '{';
  let first = true;
  // Object.keys order is not code-unit order; sort() without a comparator is (as RFC 8785 asks).
  for (const key of Object.keys(object).sort()) {
    const text = write(object[key]);
    if (text === undefined) continue;
    out += `${first ? '' : ','}${write(key)}:${text}`;
    first = false;
  }
  return `${out}}`;
}
