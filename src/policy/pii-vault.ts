import { detect, type Entity } from './recognizers/index.ts';

/** One tokenised value: the placeholder the run sees and the raw value only tools may get. */
export interface VaultEntry {
  readonly placeholder: string;
  readonly entity: Entity;
  readonly value: string;
}

const PLACEHOLDER = /<(EMAIL_ADDRESS|PHONE_NUMBER|CREDIT_CARD|US_SSN|IBAN_CODE|API_KEY|PERSON)_(\d+)>/g;

/**
 * The run's PII boundary. Values enter the run tokenised (`<EMAIL_ADDRESS_1>`): the event, tool
 * replies, model replies. The same value always gets the same placeholder within a run, numbered in
 * order of first sight, so a re-execution numbers identically. Raw values leave only inside the
 * arguments of a tool the policy lets receive them.
 */
export class PiiVault {
  readonly #byValue = new Map<string, VaultEntry>();
  readonly #byPlaceholder = new Map<string, VaultEntry>();
  readonly #counters = new Map<Entity, number>();

  constructor(
    entries: readonly VaultEntry[] = [],
    /** Called for each new entry, before the placeholder is used anywhere (persist it here). */
    private readonly onNewEntry: (entry: VaultEntry) => void = () => undefined,
  ) {
    for (const e of entries) this.#remember(e);
  }

  /** Deep copy of a JSON value with every detected value replaced by its placeholder. */
  tokenize<T>(value: T): T {
    return mapStrings(value, (text) => this.tokenizeText(text)) as T;
  }

  tokenizeText(text: string): string {
    const findings = detect(text);
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
   * Restores placeholders of the allowed entities to raw values; others stay placeholders.
   * Reports which entities were restored and which were present but withheld.
   */
  detokenize<T>(value: T, allowed: ReadonlySet<Entity>): { value: T; restored: Set<Entity>; withheld: Set<Entity> } {
    const restored = new Set<Entity>();
    const withheld = new Set<Entity>();
    const out = mapStrings(value, (text) =>
      text.replace(PLACEHOLDER, (placeholder) => {
        const entry = this.#byPlaceholder.get(placeholder);
        if (!entry) return placeholder;
        if (!allowed.has(entry.entity)) {
          withheld.add(entry.entity);
          return placeholder;
        }
        restored.add(entry.entity);
        return entry.value;
      }),
    ) as T;
    return { value: out, restored, withheld };
  }

  /** Entities whose placeholders appear in a value (for forbidden-flow rules). */
  entitiesIn(value: unknown): Set<Entity> {
    const found = new Set<Entity>();
    mapStrings(value, (text) => {
      for (const m of text.matchAll(PLACEHOLDER)) if (this.#byPlaceholder.has(m[0])) found.add(m[1] as Entity);
      return text;
    });
    return found;
  }

  /** Counts per entity type (never values), for traces and reports. */
  counts(): Record<string, number> {
    return Object.fromEntries(this.#counters);
  }

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

function mapStrings(value: unknown, fn: (s: string) => string): unknown {
  if (typeof value === 'string') return fn(value);
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, fn));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, fn)]));
  return value;
}
