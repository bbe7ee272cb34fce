import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { sha256Hex, tollgatePackage } from '../shared/index.ts';
import type { ParsedValues } from '../workflow/index.ts';

declare const __TOLLGATE_YAML_VERSION__: string | undefined;

/** Parsed values are only as good as the parser that made them: a cache of another one is none. */
function parserId(): string {
  const yaml = typeof __TOLLGATE_YAML_VERSION__ === 'string' ? __TOLLGATE_YAML_VERSION__ : (createRequire(import.meta.url)('yaml/package.json') as { version: string }).version;
  return `tollgate ${tollgatePackage().version}, yaml ${yaml}, format 1`;
}

interface CacheFile {
  readonly parser: string;
  /** SHA-256 of a file's text → the JSON of its parsed value. */
  readonly values: Record<string, string>;
}

/**
 * The parsed values of a project's YAML files, kept in `.tollgate/cache/yaml.json` between commands
 * by the SHA-256 of each file's text: most commands read files that have not changed since the last,
 * and parsing YAML was most of reading a project (half a second for 1,000 gold cases). It is trusted
 * as the project folder is (whoever can write it can write the definitions). What cannot be read is
 * no cache; what cannot be written is left unwritten. Each save keeps the entries this read used.
 */
export class ParseCache implements ParsedValues {
  readonly #file: string;
  readonly #parser: string;
  readonly #stored: Record<string, string>;
  readonly #used = new Map<string, string>();
  #added = false;

  private constructor(file: string, parser: string, stored: Record<string, string>) {
    this.#file = file;
    this.#parser = parser;
    this.#stored = stored;
  }

  static open(root: string): ParseCache {
    const file = path.join(root, '.tollgate', 'cache', 'yaml.json');
    const parser = parserId();
    try {
      const cached = JSON.parse(readFileSync(file, 'utf8')) as CacheFile;
      if (cached.parser === parser && cached.values && typeof cached.values === 'object') return new ParseCache(file, parser, cached.values);
    } catch {
      // absent or unreadable: start empty
    }
    return new ParseCache(file, parser, {});
  }

  get(text: string): unknown {
    const key = keyOf(text);
    const json = this.#stored[key];
    if (typeof json !== 'string') return undefined;
    this.#used.set(key, json);
    return JSON.parse(json);
  }

  set(text: string, value: unknown): void {
    const json = JSON.stringify(value);
    // Only values JSON holds as they are (YAML's .inf, .nan or dates would come back otherwise).
    if (json === undefined || !isDeepStrictEqual(JSON.parse(json), value)) return;
    this.#used.set(keyOf(text), json);
    this.#added = true;
  }

  /** Writes the entries used or added by this read, when anything changed. */
  save(): void {
    if (!this.#added && this.#used.size === Object.keys(this.#stored).length) return;
    const temp = `${this.#file}.${process.pid}.tmp`;
    try {
      mkdirSync(path.dirname(this.#file), { recursive: true });
      writeFileSync(temp, JSON.stringify({ parser: this.#parser, values: Object.fromEntries(this.#used) } satisfies CacheFile));
      renameSync(temp, this.#file);
    } catch {
      // A read-only project folder keeps no cache.
    }
  }
}

const keyOf = (text: string): string => sha256Hex(text);
