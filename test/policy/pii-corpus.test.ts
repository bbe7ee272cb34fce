import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PiiVault, type Entity } from '../../src/policy/index.ts';
import { normalise } from '../../src/policy/recognizers/normalise.ts';
import { REPO } from '../support/cli.ts';

/** A value that must not survive tokenisation: a text with one raw value, or a JSON value with several. */
type Positive = { id: string; tags: string[] } & ({ text: string; entity: Entity; raw: string } | { value: unknown; entities: Entity[]; raw: string[] });
/** Identifiers, dates, amounts… that a tool must get intact. */
type Negative = { id: string; intact: string[] } & ({ text: string } | { value: unknown });

const load = <T>(file: string): T[] => JSON.parse(readFileSync(path.join(REPO, 'fixtures', 'pii', file), 'utf8')) as T[];
const positives = load<Positive>('positives.json');
const negatives = load<Negative>('negatives.json');

const ALL: ReadonlySet<Entity> = new Set(['EMAIL_ADDRESS', 'PHONE_NUMBER', 'CREDIT_CARD', 'US_SSN', 'IBAN_CODE', 'API_KEY', 'PERSON']);
const PLACEHOLDER = /<(?:EMAIL_ADDRESS|PHONE_NUMBER|CREDIT_CARD|US_SSN|IBAN_CODE|API_KEY|PERSON)_\d+>/;

const inputOf = (c: Positive | Negative): unknown => ('text' in c ? c.text : c.value);
const rawsOf = (c: Positive): string[] => ('text' in c ? [c.raw] : c.raw);
const entitiesOf = (c: Positive): Entity[] => ('text' in c ? [c.entity] : c.entities);

/** Every string a JSON value holds: keys, strings and numbers. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (typeof value === 'number') return [String(value)];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => [k, ...strings(v)]);
  return [];
}

/** The forms a raw value could leak in: as written, without separators, normalised, and normalised without separators. */
function forms(raw: string): string[] {
  const bare = (s: string) => s.replace(/[\s.\-()[\]\u00AD\u200B-\u200F\u2060\uFEFF]/g, '');
  const normalised = normalise(raw).text;
  return [...new Set([raw, bare(raw), normalised, bare(normalised), normalised.toLowerCase()])].filter((f) => f.length >= 4);
}

describe('PII corpus', () => {
  it('has at least 40 positives covering every entity and obfuscation, and at least 20 negatives', () => {
    expect(positives.length).toBeGreaterThanOrEqual(40);
    expect(negatives.length).toBeGreaterThanOrEqual(20);
    expect(new Set(positives.flatMap(entitiesOf))).toEqual(ALL);
    const tags = new Set(positives.flatMap((p) => p.tags));
    for (const tag of ['zero-width', 'fullwidth', 'mixed-separators', 'spelled-out', 'escaped', 'signature', 'lower-case', 'diacritics', 'key', 'number']) expect(tags).toContain(tag);
    expect(new Set([...positives, ...negatives].map((c) => c.id)).size).toBe(positives.length + negatives.length);
  });

  describe.each(positives.map((p) => [p.id, p] as const))('positive %s', (_id, c) => {
    const vault = new PiiVault();
    const input = inputOf(c);
    const out = vault.tokenize(input);

    it('leaves nothing of the raw value, in any form', () => {
      const held = [...strings(out), JSON.stringify(out)];
      for (const raw of rawsOf(c)) for (const form of forms(raw)) expect({ form, leaked: held.filter((s) => s.includes(form)) }).toEqual({ form, leaked: [] });
    });

    it('uses a placeholder of the expected entity', () => {
      const json = JSON.stringify(out);
      for (const entity of entitiesOf(c)) expect(json).toContain(`<${entity}_1>`);
    });

    it('detokenises to exactly the original', () => {
      expect(vault.detokenize(out, ALL).value).toEqual(input);
    });
  });

  describe.each(negatives.map((n) => [n.id, n] as const))('negative %s', (_id, c) => {
    it('stays intact, without a placeholder', () => {
      const input = inputOf(c);
      const out = new PiiVault().tokenize(input);
      expect(out).toEqual(input);
      const json = JSON.stringify(out);
      expect(json).not.toMatch(PLACEHOLDER);
      for (const s of c.intact) expect(strings(out).some((x) => x.includes(s))).toBe(true);
    });
  });
});
