import { describe, expect, it } from 'vitest';
import { detect, PiiVault, type Entity } from '../../src/policy/index.ts';
import { normalise } from '../../src/policy/recognizers/normalise.ts';

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
    ['pay with 4111.1111-1111 1111 please', [['CREDIT_CARD', '4111.1111-1111 1111']]],
    ['cards [4242424242424242,378282246310005]', [['CREDIT_CARD', '4242424242424242'], ['CREDIT_CARD', '378282246310005']]],
    ['Office: +44 (0)20-7946.0958 (reception)', [['PHONE_NUMBER', '+44 (0)20-7946.0958']]],
    ['Téléphone : 01 23 45 67 89', [['PHONE_NUMBER', '01 23 45 67 89']]],
    ['social security number 123 45 6789', [['US_SSN', '123 45 6789']]],
    ['IBAN DE89-3704-0044-0532-0130-00', [['IBAN_CODE', 'DE89-3704-0044-0532-0130-00']]],
    ['reach me at jane . doe [at] example [dot] com', [['EMAIL_ADDRESS', 'jane . doe [at] example [dot] com']]],
    ['write to jane at example dot com', [['EMAIL_ADDRESS', 'jane at example dot com']]],
    ['mail j\u0430ne@example.com (a Cyrillic a)', [['EMAIL_ADDRESS', 'j\u0430ne@example.com']]],
    ['Customer wrote: {"customerSSN":78051120}', [['US_SSN', '78051120']]],
    ['Can you check?\n\nThanks,\nJane Doe', [['PERSON', 'Jane Doe']]],
    ['See attached.\nBest,\nZoë Brontë\nAcme Ltd', [['PERSON', 'Zoë Brontë']]],
    ['Kind regards,\nŁukasz Żółć | Billing', [['PERSON', 'Łukasz Żółć']]],
    ["--\nNgũgĩ wa Thiong'o", [['PERSON', "Ngũgĩ wa Thiong'o"]]],
    ['sounds good\ncheers,\njane', [['PERSON', 'jane']]],
    ['That fixed it. Thanks, María', [['PERSON', 'María']]],
    ['hi, my name is jane doe and my order is late', [['PERSON', 'jane doe']]],
    ['i am jane doe, i ordered last week', [['PERSON', 'jane doe']]],
    ['hello this is jane doe from acme', [['PERSON', 'jane doe']]],
    ["Hi, I'm José Álvarez", [['PERSON', 'José Álvarez']]],
    ['Dear José Álvarez,', [['PERSON', 'José Álvarez']]],
    ['Prof. Dr. Alan Turing', [['PERSON', 'Alan Turing']]],
    ["Mrs. O'Brien-McDonald called", [['PERSON', "O'Brien-McDonald"]]],
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
    'invoice INV-2026-0777, orders O-1002 and ORD-2026-11-0042, PO-50001, ticket T-901, SKU KB-204',
    'due 2026-11-24 (24.11.2026, 11/24/2026) at 14:30:00, total 1.299,00 EUR or 25000',
    'hosts 192.168.100.200 and 10.0.0.1:8080, version 10.15.7.1234 and 2.0.0-rc.1',
    'tracking 1Z999AA10123456784, 9400 1000 0000 0000 0000 00 and 7489 2345 6789',
    'please call about ORD-2026-11-0042, ref 2026-11-0042, on 24.11.2026',
    'score +1 2026-11-24',
    'hotel 4155550134 (a context word counts at the start of a word only)',
    'i am not happy with order O-1002',
    'this is urgent',
    'this is about invoice INV-2026-0777',
    'Dear Customer, your order shipped',
    'Dear Acme Team,',
    'We are on it.\n\nThanks,\nThe Acme Support Team',
    'Best,\nSupport',
    'Thanks, Everyone!',
    'my name is not important',
    'have a look at google.com or at example dot com, meet me at home',
    'x @ weights.transpose and 2 @ 3.99',
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
    const started = performance.now();
    for (const unit of ['Dear ', 'Thanks,\n', 'i am jane ', 'jane . ', '\u200b1', 'x (at) ', '+1 ', '1.', 'Mr. ', '\\', '\\n', 'Aa ', '0 1 ', '"k":1234567,']) {
      expect(detect(unit.repeat(Math.ceil(50_000 / unit.length))).length).toBeGreaterThanOrEqual(0);
    }
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

describe('matching on a normalised copy, replacing the raw span', () => {
  it.each([
    ['zero-width and soft hyphen', 'mail jane\u200b.doe@exa\u00admple.com now', 'EMAIL_ADDRESS', 'jane\u200b.doe@exa\u00admple.com'],
    ['full-width digits', 'card ４１１１ １１１１ １１１１ １１１１ ok', 'CREDIT_CARD', '４１１１ １１１１ １１１１ １１１１'],
    ['full-width IBAN', 'ＩＢＡＮ：ＧＢ２９ＮＷＢＫ６０１６１３３１９２６８１９', 'IBAN_CODE', 'ＧＢ２９ＮＷＢＫ６０１６１３３１９２６８１９'],
    ['en dashes and no-break spaces', 'call 415–555–0134 or amex 3782\u00a0822463\u00a010005', 'CREDIT_CARD', '3782\u00a0822463\u00a010005'],
    ['combining accents', 'Regards,\nJose\u0301 A\u0301lvarez', 'PERSON', 'Jose\u0301 A\u0301lvarez'],
    ['an escaped line break', 'Customer wrote: Thanks,\\nJane Doe', 'PERSON', 'Jane Doe'],
    ['a unicode escape', 'reply to jane\\u0040example.com', 'EMAIL_ADDRESS', 'jane\\u0040example.com'],
  ])('%s', (_name, text, entity, raw) => {
    const f = detect(text).find((x) => x.entity === entity);
    expect(f?.text).toBe(raw);
    expect(text.slice(f!.start, f!.end)).toBe(raw);
  });

  it('leaves invisible characters around a value alone, and ASCII text uncopied', () => {
    const text = 'card \u200b4111111111111111\u200b.';
    expect(detect(text).map((f) => [f.start, f.end])).toEqual([[6, 22]]);
    expect(normalise('plain ASCII text, 4111 1111').map).toBeUndefined();
  });

  it('gives an ASCII text the same findings as before normalisation existed', () => {
    const text = 'write to a.b@example.com or +1 415 555 0134, card 4242424242424242';
    expect(detect(text).map((f) => text.slice(f.start, f.end))).toEqual(['a.b@example.com', '+1 415 555 0134', '4242424242424242']);
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

  it('replaces the whole raw span, invisible characters included', () => {
    const vault = new PiiVault();
    expect(vault.tokenizeText('card 5555\u200b5555\u200d5555\ufeff4444 ok')).toBe('card <CREDIT_CARD_1> ok');
    expect(vault.tokenizeText('ＩＢＡＮ ＧＢ２９ＮＷＢＫ６０１６１３３１９２６８１９')).toBe('ＩＢＡＮ <IBAN_CODE_1>');
  });

  it('tokenises object keys, restores them, and sees their placeholders', () => {
    const vault = new PiiVault();
    const input = { 'jane.doe@example.com': { status: 'vip' }, contacts: { '+44 20 7946 0958': 'office' } };
    const out = vault.tokenize(input);
    expect(out).toEqual({ '<EMAIL_ADDRESS_1>': { status: 'vip' }, contacts: { '<PHONE_NUMBER_1>': 'office' } });
    expect(vault.entitiesIn(out)).toEqual(new Set(['EMAIL_ADDRESS', 'PHONE_NUMBER']));
    expect(vault.detokenize(out, new Set<Entity>(['EMAIL_ADDRESS', 'PHONE_NUMBER'])).value).toEqual(input);
    expect(vault.detokenize(out, new Set<Entity>(['PHONE_NUMBER'])).value).toEqual({ '<EMAIL_ADDRESS_1>': { status: 'vip' }, contacts: { '+44 20 7946 0958': 'office' } });
  });

  it('never merges two keys that tokenise alike: the unchanged one keeps its name, the other gets ~2', () => {
    for (const input of [{ '<EMAIL_ADDRESS_1>': 'literal', 'jane@example.com': 'raw' }, { 'jane@example.com': 'raw', '<EMAIL_ADDRESS_1>': 'literal' }]) {
      expect(new PiiVault().tokenize(input)).toEqual({ '<EMAIL_ADDRESS_1>': 'literal', '<EMAIL_ADDRESS_1>~2': 'raw' });
    }
  });

  it('tokenises numbers that are card numbers, and SSNs and phone numbers under a key naming them', () => {
    const vault = new PiiVault();
    const input = {
      card: 4111111111111111, n: 5555555555554444, notACard: 4111111111111112, amount: 1299, order: 123456789,
      customer: { ssn: 123456789, ssnCount: 3 }, customerSSN: 78051120, mobilePhone: 447700900123, phoneExtension: 204,
      tooBig: 4111111111111111111, // above 2^53: already rounded when parsed, so left alone
    };
    const out = vault.tokenize(input);
    expect(out).toEqual({
      card: '<CREDIT_CARD_1>', n: '<CREDIT_CARD_2>', notACard: 4111111111111112, amount: 1299, order: 123456789,
      customer: { ssn: '<US_SSN_1>', ssnCount: 3 }, customerSSN: '<US_SSN_2>', mobilePhone: '<PHONE_NUMBER_1>', phoneExtension: 204,
      tooBig: 4111111111111111111,
    });
    expect(vault.detokenize(out, new Set<Entity>(['CREDIT_CARD', 'US_SSN', 'PHONE_NUMBER'])).value).toEqual(input);
    expect(vault.detokenize({ text: 'card <CREDIT_CARD_1>' }, new Set<Entity>(['CREDIT_CARD'])).value).toEqual({ text: 'card 4111111111111111' });
  });

  it('reads a 9-digit string as an SSN under an SSN key, and nowhere else', () => {
    expect(new PiiVault().tokenize({ social_security_number: '123456789', batch: '123456789' })).toEqual({ social_security_number: '<US_SSN_1>', batch: '123456789' });
  });

  it('gives each raw spelling of a value its own placeholder, so each detokenises to exactly what came in', () => {
    const vault = new PiiVault();
    const input = ['jane@example.com', 'jane\u200b@example.com', 'jane@example.com'];
    const out = vault.tokenize(input);
    expect(out).toEqual(['<EMAIL_ADDRESS_1>', '<EMAIL_ADDRESS_2>', '<EMAIL_ADDRESS_1>']);
    expect(vault.detokenize(out, new Set<Entity>(['EMAIL_ADDRESS'])).value).toEqual(input);
  });
});
