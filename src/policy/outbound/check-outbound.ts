import { detect } from '../recognizers/index.ts';
import { placeholdersIn } from '../placeholders.ts';
import { findUrls } from './find-urls.ts';

export interface OutboundViolation {
  readonly ruleId: 'outbound:host' | 'outbound:data';
  /** Where in the arguments, e.g. `body`. */
  readonly path: string;
  readonly reason: string;
}


/**
 * The first URL in a tool's string arguments that would carry data out: a host not on the
 * allowlist (when the policy declares one), or data in the URL itself (a placeholder, an email
 * address, any value the PII recognisers find), also percent- or double-encoded. Pure.
 */
export function checkOutbound(args: unknown, allowHosts: readonly string[] | undefined): OutboundViolation | undefined {
  for (const [path, text] of strings(args, '')) {
    for (const found of findUrls(text).flatMap((u) => [u.url, ...embeddedUrls(u.url)])) {
      const parsed = parse(found);
      const shown = found.length > 80 ? `${found.slice(0, 77)}...` : found;
      if (allowHosts && !(parsed && allowHosts.some((p) => hostMatches(parsed.host, p)))) {
        return { ruleId: 'outbound:host', path, reason: `a link in ${path || 'the arguments'} points at ${parsed?.host || 'an unparseable address'}, which is not on the outbound allowlist (${shown})` };
      }
      const carried = carriesData(parsed ? parsed.rest : found);
      if (carried) return { ruleId: 'outbound:data', path, reason: `a link in ${path || 'the arguments'} carries ${carried} in its address (${placeholdersIn(shown).reduce((text, p) => text.replaceAll(p, '<…>'), shown)})` };
    }
  }
  return undefined;
}

/**
 * URLs inside a URL: `[https://acme.com](https://evil.example)` read as one run of text, or an
 * open redirect's `?next=https%3A%2F%2Fevil.example`. Each is judged like a link of its own.
 */
function embeddedUrls(url: string): string[] {
  const out: string[] = [];
  for (const text of decodings(url)) {
    for (const start of text.matchAll(/(?<![a-z0-9+.:/-])(?:[a-z][a-z0-9+.-]*:)?\/\//gi)) {
      if (start.index === 0) continue;
      const m = /^(?:[a-z][a-z0-9+.-]*:)?\/\/[^\s/?#()\][<>"']+[^\s()\][<>"']*/i.exec(text.slice(start.index));
      if (m) out.push(m[0]);
    }
  }
  return out;
}

/** `*.acme.com` matches its subdomains; a name matches itself. */
export function hostMatches(host: string, pattern: string): boolean {
  if (pattern.startsWith('*.')) return host.endsWith(pattern.slice(1));
  return host === pattern;
}

function parse(url: string): { host: string; rest: string } | undefined {
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(url) ? url : `http:${url.startsWith('//') ? '' : '//'}${url}`;
  try {
    const u = new URL(withScheme);
    if (!['http:', 'https:', 'ftp:', 'ws:', 'wss:'].includes(u.protocol)) return { host: u.protocol.replace(/:$/, ''), rest: url };
    return { host: u.hostname.replace(/\.$/, '').toLowerCase(), rest: `${u.username}:${u.password}@${u.pathname}${u.search}${u.hash}` };
  } catch {
    return undefined;
  }
}

function carriesData(rest: string): string | undefined {
  for (const text of decodings(rest)) {
    if (placeholdersIn(text).length > 0) return 'a placeholder of personal data';
    if (/[^\s/?&=#:@]+@[a-z0-9-]+(\.[a-z0-9-]+)+/i.test(text)) return 'an email address';
    // Phone numbers and names are left out: tracking numbers and slugs would look like them.
    const found = detect(text, { entities: ['EMAIL_ADDRESS', 'CREDIT_CARD', 'IBAN_CODE', 'US_SSN', 'API_KEY'] });
    if (found.length > 0) return `a value that looks like ${found[0]!.entity}`;
  }
  return undefined;
}

/** The text, percent-decoded once and twice (double encoding), with + as space. */
function decodings(text: string): string[] {
  const out = [text];
  let current = text;
  for (let i = 0; i < 2; i++) {
    try {
      const next = decodeURIComponent(current.replace(/\+/g, ' '));
      if (next === current) break;
      out.push(next);
      current = next;
    } catch {
      break;
    }
  }
  return out;
}

function* strings(value: unknown, path: string): Generator<[string, string]> {
  if (typeof value === 'string') yield [path, value];
  else if (Array.isArray(value)) for (const [i, v] of value.entries()) yield* strings(v, `${path}[${i}]`);
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) yield* strings(v, path ? `${path}.${k}` : k);
}
