import { describe, expect, it } from 'vitest';
import { checkOutbound, findUrls } from '../../src/policy/index.ts';

const ALLOW = ['acme.com', '*.acme.com', 'acme.test'];
const verdict = (body: string, allow: string[] | null = ALLOW) => checkOutbound({ to: '<EMAIL_ADDRESS_1>', subject: 'Re: your order', body }, allow ?? undefined)?.ruleId ?? 'allow';

describe('outbound links: every way a model writes a link is found', () => {
  it.each([
    ['a markdown link', 'See [your receipt](https://evil.example/r?d=1).', 'https://evil.example/r?d=1'],
    ['a markdown image', '![](https://attacker.example/pixel.png?x=O-1002)', 'https://attacker.example/pixel.png?x=O-1002'],
    ['an HTML image', '<img src="https://attacker.example/p.gif">', 'https://attacker.example/p.gif'],
    ['an HTML link', "<a href='http://evil.example/x'>here</a>", 'http://evil.example/x'],
    ['a protocol-relative link', 'load //evil.example/a.png now', '//evil.example/a.png'],
    ['www without a scheme', 'visit www.evil.example/claim today', 'www.evil.example/claim'],
    ['a bare host with a path', 'go to evil.com/collect?u=1 please', 'evil.com/collect?u=1'],
    ['a defanged link', 'hxxps://evil[.]example/x', 'https://evil.example/x'],
    ['zero-width characters inside the host', 'https://ev\u200Bil.exa\u2060mple/x', 'https://evil.example/x'],
    ['full-width letters', 'ｈｔｔｐｓ：／／ｅｖｉｌ．ｅｘａｍｐｌｅ／ｘ', 'https://evil.example/x'],
    ['a sentence-ending link', 'Details: https://acme.com/help.', 'https://acme.com/help'],
    ['a link in parentheses', '(see https://acme.com/help)', 'https://acme.com/help'],
  ])('%s', (_name, text, url) => {
    expect(findUrls(text).map((u) => u.url)).toEqual([url]);
  });

  it.each([
    ['an email address', 'write to refunds@acme.com'],
    ['file names', 'attach setup.py and report.txt and main.rs'],
    ['abbreviations and amounts', 'e.g. 12.50 USD, i.e. order O-1002, v1.2.3'],
    ['tool names', 'called orders.get and kb.search'],
  ])('%s are not links', (_name, text) => {
    expect(findUrls(text)).toEqual([]);
  });

  it('maps each link back to its place in the original text', () => {
    const text = 'x https://ev\u200Bil.example/a y';
    const [u] = findUrls(text);
    expect(text.slice(u!.start, u!.end)).toBe('https://ev\u200Bil.example/a');
  });
});

describe('checkOutbound: hosts off the allowlist and data in URLs are blocked', () => {
  it.each([
    ['a host off the allowlist', '[click](https://evil.example/)', 'outbound:host'],
    ['a lookalike subdomain', 'https://acme.com.evil.example/help', 'outbound:host'],
    ['userinfo pointing elsewhere', 'https://acme.com@evil.example/help', 'outbound:host'],
    ['a backslash trick', 'https://evil.example\\@acme.com/', 'outbound:host'],
    ['an IP address', 'http://203.0.113.7/x', 'outbound:host'],
    ['a homoglyph host (Cyrillic а)', 'https://аcme.com/help', 'outbound:host'],
    ['a placeholder in the query of an allowed host', 'https://acme.com/track?u=<EMAIL_ADDRESS_1>', 'outbound:data'],
    ['a percent-encoded placeholder', 'https://acme.com/track?u=%3CEMAIL_ADDRESS_1%3E', 'outbound:data'],
    ['an email address in the path', 'https://help.acme.com/u/sam.okafor@example.com', 'outbound:data'],
    ['a double-encoded email', 'https://acme.com/t?e=sam.okafor%2540example.com', 'outbound:data'],
    ['a card number in the fragment', 'https://acme.com/pay#4111111111111111', 'outbound:data'],
    ['a javascript: link', '[x](javascript:fetch(1))', 'outbound:host'],
    ['link text that is an allowed URL over another target', '[https://help.acme.com/refunds](https://evil.example/refunds)', 'outbound:host'],
    ['an open redirect on an allowed host', 'https://help.acme.com/r?next=https://evil.example/login', 'outbound:host'],
    ['an encoded open redirect', 'https://help.acme.com/r?next=https%3A%2F%2Fevil.example%2Flogin', 'outbound:host'],
    ['an ideographic full stop in the host', 'www.evil\u3002example/claim', 'outbound:host'],
  ])('%s', (_name, body, rule) => {
    expect(verdict(body)).toBe(rule);
  });

  it.each([
    ['a link to an allowed host', 'Our policy: https://help.acme.com/refunds#timing'],
    ['the bare allowed domain', 'More at acme.com/help.'],
    ['no link at all', 'We refunded 25.00 USD for order O-1002 (reference R-1).'],
  ])('allows %s', (_name, body) => {
    expect(verdict(body)).toBe('allow');
  });

  it('without an allowlist, any host passes but data in a URL is still blocked', () => {
    expect(verdict('https://elsewhere.example/docs', null)).toBe('allow');
    expect(verdict('https://elsewhere.example/?u=<EMAIL_ADDRESS_1>', null)).toBe('outbound:data');
  });

  it('names where the link was and never repeats a placeholder in its reason', () => {
    const v = checkOutbound({ body: { lines: ['ok', 'https://acme.com/?e=<EMAIL_ADDRESS_2>'] } }, ALLOW)!;
    expect(v.path).toBe('body.lines[1]');
    expect(v.reason).not.toContain('EMAIL_ADDRESS_2');
  });
});
