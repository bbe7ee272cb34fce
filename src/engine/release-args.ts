import { findUrls, mayHoldPlaceholder, placeholderPattern, type Entity, type PiiVault } from '../policy/index.ts';
import { mapStrings } from '../shared/index.ts';

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
    if (!mayHoldPlaceholder(text)) return text;
    const urls = findUrls(text);
    return text.replace(placeholderPattern(), (placeholder, name: string, _entity: string, _n: string, at: number) =>
      withheld.has(placeholder) || urls.some((u) => at >= u.start && at < u.end) ? `${OPEN}${name}${CLOSE}` : placeholder,
    );
  });
  const released = vault.detokenize(guarded, allowed).value;
  return mapStrings(released, (text) => (text.includes(OPEN) ? text.replaceAll(OPEN, '<').replaceAll(CLOSE, '>') : text)) as T;
}
