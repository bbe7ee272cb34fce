import { findUrls, type Entity, type PiiVault } from '../policy/index.ts';

const PLACEHOLDER = /<([A-Z_]+_\d+)>/g;
// Private-use brackets: a placeholder written with them is not one the vault would restore.
const OPEN = '\uE000';
const CLOSE = '\uE001';

/**
 * The arguments a tool receives: placeholders of the classes it may receive restored to raw
 * values, except inside a URL (a link never carries a raw value out) and except values that came
 * only from a reply the policy withheld (a model that guessed their placeholder gets nothing).
 */
export function releaseArgs<T>(vault: PiiVault, args: T, allowed: ReadonlySet<Entity>, withheld: ReadonlySet<string>): T {
  const guarded = mapStrings(args, (text) => {
    const urls = findUrls(text);
    return text.replace(PLACEHOLDER, (placeholder, name: string, at: number) =>
      withheld.has(placeholder) || urls.some((u) => at >= u.start && at < u.end) ? `${OPEN}${name}${CLOSE}` : placeholder,
    );
  });
  const released = vault.detokenize(guarded, allowed).value;
  return mapStrings(released, (text) => text.replaceAll(OPEN, '<').replaceAll(CLOSE, '>')) as T;
}

function mapStrings(value: unknown, fn: (s: string) => string): unknown {
  if (typeof value === 'string') return fn(value);
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, fn));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, fn)]));
  return value;
}
