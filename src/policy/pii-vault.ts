import { isPlaceholder, mayHoldPlaceholder, placeholderPattern } from './placeholders.ts';
import { detect, keyContext, numberEntity, type Entity } from './recognizers/index.ts';

/** One tokenised value: the placeholder the run sees and the raw value only tools may get. */
export interface VaultEntry {
  readonly placeholder: string;
  readonly entity: Entity;
  /** The raw text; a value that entered as a JSON number carries NUMBER_TAG in front (see #placeholderFor). */
  readonly value: string;
}

// The store keeps only the value text, so "this was a JSON number" travels inside it. No detected text
// starts with U+0000 (every recogniser starts on a visible character), so the tag cannot be confused.
const NUMBER_TAG = '\u0000number:';

/**
 * The run's PII boundary. Values enter the run tokenised (`<EMAIL_ADDRESS_1>`): the event, tool
 * replies, model replies — strings, object keys and numbers that are card numbers (or SSNs and phone
 * numbers under a key naming them). The same raw value always gets the same placeholder within a
 * run, numbered in order of first sight, so a re-execution numbers identically. Raw values leave only
 * inside the arguments of a tool the policy lets receive them.
 */
export class PiiVault {
  readonly #byValue = new Map<string, VaultEntry>();
  readonly #byPlaceholder = new Map<string, VaultEntry>();
  readonly #counters = new Map<Entity, number>();

  #recorded = false;

  constructor(
    entries: readonly VaultEntry[] = [],
    /** Called for each new entry, before the placeholder is used anywhere (persist it here). */
    private readonly onNewEntry: (entry: VaultEntry) => void = () => undefined,
  ) {
    for (const e of entries) this.#remember(e);
  }

  /**
   * A vault for replaying a recording: it holds no values, and takes every placeholder in the
   * recording as one the run's vault minted (look-alikes in outside text were defused before they
   * were recorded), so data-flow rules decide as they did.
   */
  static overRecording(): PiiVault {
    const vault = new PiiVault();
    vault.#recorded = true;
    return vault;
  }

  /** Deep copy of a JSON value with every detected value (in strings, keys and numbers) replaced by its placeholder. */
  tokenize<T>(value: T): T {
    return mapJson(value, {
      text: (text, key) => this.tokenizeText(text, keyContext(key)),
      number: (n, key) => {
        const entity = numberEntity(n, keyContext(key));
        return entity ? this.#placeholderFor(entity, `${NUMBER_TAG}${n}`) : n;
      },
    }) as T;
  }

  /** The text with every detected value replaced; `context` is what stands before it (its JSON key's words). */
  tokenizeText(text: string, context = ''): string {
    const findings = detect(text, { context });
    if (findings.length === 0) return text;
    let out = '';
    let at = 0;
    for (const f of findings) {
      out += text.slice(at, f.start) + this.#placeholderFor(f.entity, f.text);
      at = f.end;
    }
    return out + text.slice(at);
  }

  /**
   * Restores placeholders of the allowed entities to raw values; others stay placeholders. A string
   * that is exactly the placeholder of a JSON number becomes that number again.
   * Reports which entities were restored and which were present but withheld.
   */
  detokenize<T>(value: T, allowed: ReadonlySet<Entity>): { value: T; restored: Set<Entity>; withheld: Set<Entity> } {
    const restored = new Set<Entity>();
    const withheld = new Set<Entity>();
    const restore = (placeholder: string): string | number => {
      const entry = this.#byPlaceholder.get(placeholder);
      if (!entry) return placeholder;
      if (!allowed.has(entry.entity)) {
        withheld.add(entry.entity);
        return placeholder;
      }
      restored.add(entry.entity);
      return entry.value.startsWith(NUMBER_TAG) ? Number(entry.value.slice(NUMBER_TAG.length)) : entry.value;
    };
    const out = mapJson(value, {
      text: (text, _key, isKey) => {
        if (!mayHoldPlaceholder(text)) return text;
        return !isKey && isPlaceholder(text) ? restore(text) : text.replace(placeholderPattern(), (p) => String(restore(p)));
      },
    }) as T;
    return { value: out, restored, withheld };
  }

  /** Entities whose placeholders appear in a value, keys included (for forbidden-flow rules). */
  entitiesIn(value: unknown): Set<Entity> {
    const found = new Set<Entity>();
    mapJson(value, {
      text: (text) => {
        if (!mayHoldPlaceholder(text)) return text;
        for (const m of text.matchAll(placeholderPattern())) if (this.#recorded || this.#byPlaceholder.has(m[0])) found.add(m[2] as Entity);
        return text;
      },
    });
    return found;
  }

  /** Counts per entity type (never values), for traces and reports. */
  counts(): Record<string, number> {
    return Object.fromEntries(this.#counters);
  }

  // Keyed by the raw text, not the normalised value: "jane@x.com" and "jane\u200B@x.com" get their
  // own placeholders so that each detokenises to exactly what came in.
  #placeholderFor(entity: Entity, raw: string): string {
    const known = this.#byValue.get(`${entity}\u0000${raw}`);
    if (known) return known.placeholder;
    const n = (this.#counters.get(entity) ?? 0) + 1;
    const entry: VaultEntry = { placeholder: `<${entity}_${n}>`, entity, value: raw };
    this.onNewEntry(entry);
    this.#remember(entry);
    return entry.placeholder;
  }

  #remember(e: VaultEntry): void {
    this.#byValue.set(`${e.entity}\u0000${e.value}`, e);
    this.#byPlaceholder.set(e.placeholder, e);
    const n = Number(/_(\d+)>$/.exec(e.placeholder)?.[1] ?? 0);
    this.#counters.set(e.entity, Math.max(this.#counters.get(e.entity) ?? 0, n));
  }
}

interface JsonMappers {
  /** Strings and object keys; `key` is the nearest enclosing key (for a key: its parent's key). Keys must map to strings. */
  text: (text: string, key: string | undefined, isKey: boolean) => string | number;
  number?: (n: number, key: string | undefined) => string | number;
}

function mapJson(value: unknown, fns: JsonMappers, key?: string): unknown {
  if (typeof value === 'string') return fns.text(value, key, false);
  if (typeof value === 'number') return fns.number ? fns.number(value, key) : value;
  if (Array.isArray(value)) return value.map((v) => mapJson(v, fns, key));
  if (value && typeof value === 'object') {
    const before = Object.keys(value);
    const after = before.map((k) => String(fns.text(k, key, true)));
    const names = after.every((k, i) => k === before[i]) ? before : uniqueKeys(before, after);
    const out: Record<string, unknown> = {};
    for (let i = 0; i < before.length; i++) {
      const copy = mapJson((value as Record<string, unknown>)[before[i]!], fns, before[i]);
      // defineProperty, not `=`: a "__proto__" key from parsed JSON must stay a key, not become the prototype.
      Object.defineProperty(out, names[i]!, { value: copy, enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return value;
}

/**
 * New key names that never merge two entries: keys left unchanged keep their names, and a changed key
 * whose new name is taken (a literal "<EMAIL_ADDRESS_1>" key beside "jane@example.com") gets "~2",
 * "~3"…, in the object's key order.
 */
function uniqueKeys(before: readonly string[], after: readonly string[]): string[] {
  const taken = new Set(after.filter((k, i) => k === before[i]));
  return after.map((k, i) => {
    if (k === before[i]) return k;
    let name = k;
    for (let n = 2; taken.has(name); n++) name = `${k}~${n}`;
    taken.add(name);
    return name;
  });
}
