import { mapStrings } from '../shared/index.ts';
import { placeholderPattern } from './placeholders.ts';

/**
 * Text from outside (an event, a tool reply) that spells a placeholder (`<EMAIL_ADDRESS_2>`) is
 * a forgery: restored later, it would hand a tool someone else's value. It is defused to
 * `‹EMAIL_ADDRESS_2›` before the run sees it, in string values and object keys alike.
 */
export function defusePlaceholders<T>(value: T): T {
  return mapStrings(value, (text) => text.replace(placeholderPattern(), '‹$1›'), { keys: true }) as T;
}
