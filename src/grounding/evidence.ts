import type { Qualifier } from './atom-types.ts';
import { atomsOf } from './atoms.ts';
import { kindOfWord, measureOfKey } from './measures.ts';
import { STATUS } from './statuses.ts';
import { lemma } from './tokens.ts';
import { currencyOf, type Unit } from './units.ts';

/** Something the world said, and where: `orders.get (step lookup) $.total`. */
export interface Source {
  /** Who said it: `event`, or `<tool> (step <key>)`. */
  readonly label: string;
  readonly value: unknown;
}

export interface NumberFact {
  readonly value: number;
  readonly unit?: Unit;
  readonly measure?: string;
  /** A stated bound ("under 1 hour old", "above 85%") rather than a value. */
  readonly qualifier?: Qualifier;
  /** The name of the thing it belongs to (`items[1].price` → "docking station"). */
  readonly owner?: string;
  /** Kinds of record it sits in (`purchase_orders.get` → po; `$.invoice.amount` → invoice). */
  readonly kinds?: readonly string[];
  readonly pointer: string;
  readonly passage?: string;
}
export interface DateFact { readonly days: readonly string[]; readonly pointer: string; readonly passage: string; readonly instant?: number }
export interface TextFact { readonly text: string; readonly lower: string; readonly pointer: string }
/** An object with a status ("an order"): what it is called and what state it is in. */
export interface RecordFact { readonly ids: readonly string[]; readonly status?: string; readonly refundedTotal?: number; readonly pointer: string; readonly kinds?: readonly string[] }

/** The evidence of a run, read once into facts every claim is matched against. */
export interface Evidence {
  readonly numbers: readonly NumberFact[];
  readonly dates: readonly DateFact[];
  readonly texts: readonly TextFact[];
  readonly records: readonly RecordFact[];
  /** Short strings under name-like keys ("Mechanical keyboard", "edge-proxy"): names the claims may use in any case. */
  readonly names: readonly string[];
}

const ISO_DAY = /^(\d{4}-\d{2}-\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const NAME_KEY = /(?:^|_)(?:name|title|service|host|vendor|product|label|queue|team|owner)$/i;
const ID_KEY = /^(?:id|number|po_number|sku)$|_id$/i;
const MONEY_KEY = /amount|total|price|cost|fee|balance|subtotal|tax|refunded/i;
const UNIT_SUFFIX: [RegExp, Unit][] = [
  [/_ms$/i, { dim: 'time', factor: 1, name: 'ms' }], [/_(?:s|sec|secs|seconds)$/i, { dim: 'time', factor: 1000, name: 's' }],
  [/_(?:min|minutes)$/i, { dim: 'time', factor: 60_000, name: 'min' }], [/_(?:h|hours)$/i, { dim: 'time', factor: 3_600_000, name: 'h' }],
  [/_days?$/i, { dim: 'time', factor: 86_400_000, name: 'days' }], [/_months?$/i, { dim: 'calendar', factor: 1, name: 'months' }], [/_years?$/i, { dim: 'calendar', factor: 12, name: 'years' }],
  [/(?:_pct|_percent|^percent|^pct)$/i, { dim: 'percent', factor: 1, name: '%' }], [/_gb$/i, { dim: 'data', factor: 1e9, name: 'GB' }], [/_mb$/i, { dim: 'data', factor: 1e6, name: 'MB' }],
];

/** Reads sources into facts: every number with its unit and measure, dates, text passages, records with a status. */
export function evidenceOf(sources: readonly Source[], clock: Date): Evidence {
  const facts = { numbers: [] as NumberFact[], dates: [] as DateFact[], texts: [] as TextFact[], records: [] as RecordFact[], names: new Set<string>() };
  for (const s of sources) walk(s.value, s.label, '$', [], facts, clock);
  return { ...facts, numbers: facts.numbers.map((n) => ({ ...n, kinds: kindsOf(n.pointer) })), records: facts.records.map((r) => ({ ...r, kinds: kindsOf(`${r.pointer}.x`) })), names: [...facts.names] };
}

/** The record kinds a pointer names: the tool (`purchase_orders.get`) and the keys on its path (`$.invoice.amount`). */
function kindsOf(pointer: string): string[] {
  const tool = pointer.split(' ')[0]!;
  const path = pointer.slice(pointer.indexOf('$'));
  const words = [tool.split('.')[0]!, ...path.split(/[.[\]]+/).filter((w) => w && !/^\d+$/.test(w) && w !== '$').slice(0, -1)];
  return [...new Set(words.map(kindOfWord).filter((k): k is string => k !== undefined))];
}


type Facts = { numbers: NumberFact[]; dates: DateFact[]; texts: TextFact[]; records: RecordFact[]; names: Set<string> };

function walk(value: unknown, label: string, path: string, ancestors: readonly Record<string, unknown>[], f: Facts, clock: Date): void {
  const pointer = `${label} ${path}`;
  if (Array.isArray(value)) {
    // "2 items": how many entries a list holds is a fact too.
    const key = /\.([^.[\]]+)$/.exec(path)?.[1];
    if (key) f.numbers.push({ value: value.length, unit: { dim: `count:${lemma(key)}`, factor: 1, name: key }, pointer: `${pointer}.length` });
    return value.forEach((v, i) => walk(v, label, `${path}[${i}]`, ancestors, f, clock));
  }
  if (value && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    record(obj, pointer, f);
    for (const [k, v] of Object.entries(obj)) walk(v, label, `${path}.${k}`, [...ancestors, obj], f, clock);
    return;
  }
  const key = /\.([^.[\]]+)$/.exec(path)?.[1] ?? '';
  if (typeof value === 'number') return void f.numbers.push(numberFact(value, key, ancestors, pointer));
  const owner = ownerOf(ancestors);
  if (typeof value !== 'string' || value.trim() === '') return;
  f.texts.push({ text: value, lower: value.toLowerCase(), pointer });
  if (/^-?\d+(?:\.\d+)?$/.test(value.trim())) return void f.numbers.push(numberFact(Number(value), key, ancestors, pointer));
  const day = ISO_DAY.exec(value.trim());
  if (day) return void f.dates.push({ days: [day[1]!], pointer, passage: value, ...(/T\d/.test(value) ? { instant: Date.parse(value) } : {}) });
  const words = value.trim().split(/\s+/).length;
  if (value.length <= 60 && /\p{L}{3}/u.test(value) && !/[.!?]\s/.test(value) && !ID_KEY.test(key) && ((NAME_KEY.test(key) && words <= 6) || (words >= 2 && words <= 5))) {
    f.names.add(value.toLowerCase().trim());
    const bare = value.replace(/\s*\([^)]*\)\s*/g, ' ').trim().toLowerCase();
    if (bare && bare !== value.toLowerCase()) f.names.add(bare);
  }
  for (const passage of sentences(value)) textFacts(passage, pointer, f, clock, owner);
}

/** The name of the nearest enclosing object that has one: what its figures are about. */
function ownerOf(ancestors: readonly Record<string, unknown>[]): string | undefined {
  for (const a of [...ancestors].reverse()) {
    const name = a.name ?? a.title ?? a.product;
    if (typeof name === 'string') return name.toLowerCase();
  }
  return undefined;
}

/** Figures and dates a passage of text states, each with the passage it came from. */
function textFacts(passage: string, pointer: string, f: Facts, clock: Date, owner: string | undefined): void {
  for (const a of atomsOf(passage, { clock })) {
    if (a.kind === 'amount' || a.kind === 'quantity') f.numbers.push({ value: a.value, ...(a.unit ? { unit: a.unit } : {}), ...(a.measure ? { measure: a.measure } : {}), ...(a.qualifier !== 'exact' ? { qualifier: a.qualifier } : {}), ...(owner ? { owner } : {}), pointer, passage });
    else if (a.kind === 'date') {
      f.dates.push({ days: a.days, pointer, passage, ...(a.instant !== undefined ? { instant: a.instant } : {}) });
      if (a.duration) f.numbers.push({ value: a.duration.value, unit: a.duration.unit, pointer, passage });
    }
  }
}

function numberFact(value: number, key: string, ancestors: readonly Record<string, unknown>[], pointer: string): NumberFact {
  const measure = measureOfKey(key);
  const suffix = UNIT_SUFFIX.find(([re]) => re.test(key))?.[1];
  const currency = MONEY_KEY.test(key) ? ancestors.findLast((a) => typeof a.currency === 'string' && currencyOf(a.currency))?.currency : undefined;
  const unit: Unit | undefined = suffix ?? (typeof currency === 'string' ? { dim: `money:${currencyOf(currency)}`, factor: 1, name: currency } : undefined);
  const owner = ownerOf(ancestors);
  return { value, pointer, ...(unit ? { unit } : {}), ...(measure ? { measure } : {}), ...(owner ? { owner } : {}) };
}

function record(obj: Record<string, unknown>, pointer: string, f: Facts): void {
  const rawStatus = typeof obj.status === 'string' ? obj.status : typeof obj.state === 'string' ? obj.state : undefined;
  const refunded = typeof obj.refunded_total === 'number' ? obj.refunded_total : undefined;
  if (rawStatus === undefined && refunded === undefined) return;
  const ids = Object.entries(obj).filter(([k, v]) => ID_KEY.test(k) && (typeof v === 'string' || typeof v === 'number')).map(([, v]) => String(v).toUpperCase());
  const status = rawStatus ? (STATUS[rawStatus.toLowerCase()] ?? rawStatus.toLowerCase()) : undefined;
  f.records.push({ ids, pointer: `${pointer}.${rawStatus !== undefined ? (typeof obj.status === 'string' ? 'status' : 'state') : 'refunded_total'}`, ...(status ? { status } : {}), ...(refunded !== undefined ? { refundedTotal: refunded } : {}) });
}

const SEGMENTER = new Intl.Segmenter('en', { granularity: 'sentence' });

/** The sentences (and semicolon clauses) of a text: the unit a claim is made in. */
export function sentences(text: string): string[] {
  return [...SEGMENTER.segment(text)].flatMap((s) => s.segment.split(/;\s+|\n+/)).map((s) => s.trim()).filter((s) => s.length > 0);
}
