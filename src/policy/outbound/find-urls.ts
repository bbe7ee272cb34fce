/** A URL found in text that leaves through a tool, with where it sits in the original text. */
export interface FoundUrl {
  readonly start: number;
  readonly end: number;
  /** The URL as a browser or mail client would read it, after de-obfuscation. */
  readonly url: string;
}

// Zero-width and other invisible format characters a model can hide inside a host name.
const INVISIBLE = /[\p{Cf}\u00AD\u034F\u180E]/gu;

/**
 * The text as a reader's client would see it: NFKC folds full-width letters and dots, invisible
 * characters go, defanged forms ("hxxp", "[.]", "(dot)") are armed again. One character of the
 * result maps to one of the input where possible; `map[i]` is the input offset of output char i.
 */
export function normaliseForLinks(text: string): { text: string; map: number[] } {
  let out = '';
  const map: number[] = [];
  let i = 0;
  for (const ch of text) {
    const at = i;
    i += ch.length;
    if (INVISIBLE.test(ch)) {
      INVISIBLE.lastIndex = 0;
      continue;
    }
    INVISIBLE.lastIndex = 0;
    for (const c of ch.normalize('NFKC')) {
      out += c;
      map.push(at);
    }
  }
  map.push(text.length);
  return rearm(out, map);
}

const DEFANGED: readonly [RegExp, string][] = [
  // Ideographic full stops: browsers and mail clients read them as dots in host names.
  [/[\u3002\uFE12]/g, '.'],
  [/\bhxxp(s?):\/\//gi, 'http$1://'],
  [/\s?(?:\[\.\]|\(\.\)|\[dot\]|\(dot\)|\{dot\})\s?/gi, '.'],
];

function rearm(text: string, map: number[]): { text: string; map: number[] } {
  for (const [pattern, replacement] of DEFANGED) {
    let out = '';
    const next: number[] = [];
    let at = 0;
    for (const m of text.matchAll(pattern)) {
      out += text.slice(at, m.index);
      next.push(...map.slice(at, m.index));
      const armed = m[0].replace(new RegExp(pattern.source, 'i'), replacement);
      out += armed;
      for (let k = 0; k < armed.length; k++) next.push(map[m.index]!);
      at = m.index + m[0].length;
    }
    out += text.slice(at);
    next.push(...map.slice(at));
    text = out;
    map = next;
  }
  return { text, map };
}

// Generic TLDs a bare "host.tld/…" is read as a link under; country codes are left out because
// file names (setup.py, main.rs) would look like hosts.
const BARE_TLDS = 'com|net|org|info|biz|io|co|app|dev|xyz|site|online|top|me|ai|link|click|example|test|invalid|zip|ru|cn|tk|ly|gl|gd';

// A URL runs to whitespace, a quote or an angle bracket, but a placeholder (<EMAIL_ADDRESS_1>) inside it is part of it.
const REST = String.raw`(?:[^\s<>"'\x60]|<[A-Z_]+_\d+>)`;

const CANDIDATES = new RegExp(
  [
    String.raw`\b[a-z][a-z0-9+.-]{1,15}:\/\/${REST}+`, // scheme://…
    String.raw`(?<![\w:\/@.])\/\/[a-z0-9-]+(?:\.[a-z0-9-]+)+${REST}*`, // //host/…
    String.raw`(?<![\w@.\/-])www\.[a-z0-9-]+(?:\.[a-z0-9-]+)+${REST}*`, // www.host…
    String.raw`(?<![\w@.\/-])[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:${BARE_TLDS})(?::\d+)?(?:[/?#]${REST}*)?(?![\w@-])`, // host.tld/…
    String.raw`\b(?:mailto|data|javascript):${REST}+`,
  ].join('|'),
  'giu',
);

/** Every link, image source and URL in a text, including obfuscated ones. */
export function findUrls(text: string): FoundUrl[] {
  const { text: clean, map } = normaliseForLinks(text);
  const out: FoundUrl[] = [];
  for (const m of clean.matchAll(CANDIDATES)) {
    const url = m[0].replace(/[).,;:!?\]}*_]+$/, (tail) => balancedTail(m[0], tail));
    out.push({ start: map[m.index]!, end: map[m.index + url.length] ?? text.length, url });
  }
  return out;
}

/** Trailing punctuation ends a sentence, not the URL, unless it closes a bracket the URL opened. */
function balancedTail(url: string, tail: string): string {
  const body = url.slice(0, url.length - tail.length);
  const opens = (body.match(/\(/g) ?? []).length - (body.match(/\)/g) ?? []).length;
  return opens > 0 && tail.startsWith(')') ? ')' : '';
}
