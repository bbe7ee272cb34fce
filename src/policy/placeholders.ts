import { DATA_CLASS_ENTITY, type Entity } from './recognizers/index.ts';

// The one definition of what a placeholder looks like: `<EMAIL_ADDRESS_1>`, an entity and a number.
const SOURCE = `<((${Object.values(DATA_CLASS_ENTITY).join('|')})_(\\d+))>`;

/** A fresh global pattern for placeholders: group 1 is the name inside the brackets, 2 the entity, 3 the number. */
export const placeholderPattern = (): RegExp => new RegExp(SOURCE, 'g');

const EXACTLY_ONE = new RegExp(`^${SOURCE}$`);

/** The text is exactly one placeholder. */
export const isPlaceholder = (text: string): boolean => text.startsWith('<') && EXACTLY_ONE.test(text);

/** Cheap pre-check before a placeholder search: most texts of a run hold none. */
export const mayHoldPlaceholder = (text: string): boolean => text.includes('<');

/** The placeholders in a text (or a JSON value's text), in order, without repeats. */
export function placeholdersIn(text: string): string[] {
  return [...new Set(text.match(placeholderPattern()) ?? [])];
}

/** The entity a placeholder stands for. */
export const entityOf = (placeholder: string): Entity => placeholder.slice(1, placeholder.lastIndexOf('_')) as Entity;
