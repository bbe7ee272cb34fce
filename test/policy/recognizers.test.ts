import { describe, expect, it } from 'vitest';
import { detect, PiiVault } from '../../src/policy/index.ts';

const found = (text: string) => detect(text).map((f) => [f.entity, f.text]);

describe('PII, PCI and secret recognisers (Presidio shape)', () => {
  it.each([
    ['write to jane.doe+billing@example.co.uk today', [['EMAIL_ADDRESS', 'jane.doe+billing@example.co.uk']]],
    ['card 4111 1111 1111 1111 exp 09/28', [['CREDIT_CARD', '4111 1111 1111 1111']]],
    ['amex 3782-822463-10005', [['CREDIT_CARD', '3782-822463-10005']]],
    ['mastercard 5555555555554444', [['CREDIT_CARD', '5555555555554444']]],
    ['IBAN DE89 3704 0044 0532 0130 00 please', [['IBAN_CODE', 'DE89 3704 0044 0532 0130 00']]],
    ['pay GB29NWBK60161331926819', [['IBAN_CODE', 'GB29NWBK60161331926819']]],
    ['SSN 123-45-6789', [['US_SSN', '123-45-6789']]],
    ['my ssn is 123456789', [['US_SSN', '123456789']]],
    ['call +44 20 7946 0958 now', [['PHONE_NUMBER', '+44 20 7946 0958']]],
    ['phone: (415) 555-0134', [['PHONE_NUMBER', '(415) 555-0134']]],
    ['key AKIAIOSFODNN7EXAMPLE leaked', [['API_KEY', 'AKIAIOSFODNN7EXAMPLE']]],
    ['token ghp_abcdefghijklmnopqrstuvwxyz0123456789AB', [['API_KEY', 'ghp_abcdefghijklmnopqrstuvwxyz0123456789AB']]],
    ['Authorization: Bearer abcDEF123456ghiJKL789', [['API_KEY', 'abcDEF123456ghiJKL789']]],
    ['stripe sk_live_51Habcdefghijklmnop', [['API_KEY', 'sk_live_51Habcdefghijklmnop']]],
    ['Regards,\nInes Moreau', [['PERSON', 'Ines Moreau']]],
    ['Contact: Dr. Alan Turing', [['PERSON', 'Alan Turing']]],
  ])('finds %j', (text, expected) => {
    expect(found(text)).toEqual(expected);
  });

  it.each([
    'card 4111 1111 1111 1112 (fails Luhn)',
    'IBAN DE89 3704 0044 0532 0130 01 (wrong check digits)',
    'SSN 666-12-3456 and 000-12-3456 (invalid areas)',
    'order O-1001 placed on 2026-11-24 for $1,299.00',
    'zip 94107-1234, version 1.2.3.4, build 20261124',
    'uuid 123e4567-e89b-12d3-a456-426614174000 without context',
    'commit 3f786850e387550fdab836ed7e6dc881de23001b',
    'a bare number 123456789 without context',
    'the word email and the word phone alone',
  ])('ignores %j', (text) => {
    expect(found(text)).toEqual([]);
  });

  it('does not report overlapping findings', () => {
    const f = detect('mail me at a.b@example.com or +1 415 555 0134, card 4242424242424242');
    for (let i = 1; i < f.length; i++) expect(f[i]!.start).toBeGreaterThanOrEqual(f[i - 1]!.end);
    expect(f.map((x) => x.entity)).toEqual(['EMAIL_ADDRESS', 'PHONE_NUMBER', 'CREDIT_CARD']);
  });

  it('finds values in other languages', () => {
    expect(found('Bitte überweisen Sie an IBAN FR14 2004 1010 0505 0001 3M02 606, Kontakt: rechnung@firma.example')).toEqual([
      ['IBAN_CODE', 'FR14 2004 1010 0505 0001 3M02 606'],
      ['EMAIL_ADDRESS', 'rechnung@firma.example'],
    ]);
  });

  it('returns on pathological input (no catastrophic backtracking)', () => {
    expect(detect('1 '.repeat(50_000)).length).toBeGreaterThanOrEqual(0);
    expect(detect(`${'a'.repeat(60_000)}@`).length).toBe(0);
  });
});

describe('PiiVault', () => {
  it('gives the same value the same placeholder, numbered in order of first sight', () => {
    const vault = new PiiVault();
    expect(vault.tokenize({ a: 'x@example.com and y@example.com', b: ['x@example.com'] })).toEqual({ a: '<EMAIL_ADDRESS_1> and <EMAIL_ADDRESS_2>', b: ['<EMAIL_ADDRESS_1>'] });
  });

  it('restores only allowed entities and reports the ones withheld', () => {
    const vault = new PiiVault();
    const args = vault.tokenize({ to: 'x@example.com', body: 'card 4111111111111111' });
    const out = vault.detokenize(args, new Set(['EMAIL_ADDRESS'] as const));
    expect(out.value).toEqual({ to: 'x@example.com', body: 'card <CREDIT_CARD_1>' });
    expect([...out.withheld]).toEqual(['CREDIT_CARD']);
  });

  it('rebuilt from its entries, numbers new values after the old ones and keeps old ones', () => {
    const stored: unknown[] = [];
    const first = new PiiVault([], (e) => stored.push(e));
    first.tokenize('x@example.com');
    const again = new PiiVault(stored as never[]);
    expect(again.tokenize('y@example.com x@example.com')).toBe('<EMAIL_ADDRESS_2> <EMAIL_ADDRESS_1>');
  });
});
