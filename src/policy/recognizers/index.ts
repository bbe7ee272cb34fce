import { RECOGNIZERS } from './catalogue.ts';
import { run, type Entity, type Finding } from './recognizer.ts';

export type { Entity, Finding } from './recognizer.ts';

/** tollgate's policy data classes and the Presidio entity each stands for. */
export const DATA_CLASS_ENTITY = {
  email: 'EMAIL_ADDRESS', phone: 'PHONE_NUMBER', card_number: 'CREDIT_CARD', ssn: 'US_SSN', iban: 'IBAN_CODE', api_key: 'API_KEY', person: 'PERSON',
} as const satisfies Record<string, Entity>;

/** All findings in a text, without overlaps (higher score, then longer span, wins), by position. */
export function detect(text: string, options: { entities?: readonly Entity[]; minScore?: number } = {}): Finding[] {
  if (text.length < 6) return [];
  const all = RECOGNIZERS.filter((r) => !options.entities || options.entities.includes(r.entity))
    .flatMap((r) => run(r, text))
    .filter((f) => f.score >= (options.minScore ?? 0.4))
    .sort((a, b) => b.score - a.score || b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: Finding[] = [];
  for (const f of all) if (!kept.some((k) => f.start < k.end && k.start < f.end)) kept.push(f);
  return kept.sort((a, b) => a.start - b.start);
}
