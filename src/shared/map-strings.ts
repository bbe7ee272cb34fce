/** A deep copy of a JSON value with every string (and, with `keys`, every object key) mapped by `fn`. */
export function mapStrings(value: unknown, fn: (text: string) => string, options: { keys?: boolean } = {}): unknown {
  if (typeof value === 'string') return fn(value);
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, fn, options));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [options.keys ? fn(k) : k, mapStrings(v, fn, options)]));
  return value;
}
