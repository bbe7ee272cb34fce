import { statSync } from 'node:fs';
import path from 'node:path';
import type { ModelScript } from '../models/index.ts';
import { loadModelScript } from './mocks.ts';

/** How many parsed scripts stay in memory (an eval's cases often share one). */
const KEPT = 64;

/**
 * A project's model scripts as parsed, kept while their file is unchanged (same size, mtime and
 * inode): a run reads its script when it starts and again when it executes, and the cases of an
 * eval often share one. Scripts are never changed once parsed (the mocks only read them).
 */
export class ModelScripts {
  readonly #kept = new Map<string, { readonly stamp: string; readonly script: ModelScript }>();

  constructor(private readonly root: string) {}

  load(relativePath: string): ModelScript {
    const file = path.resolve(this.root, relativePath);
    const stat = statSync(file, { throwIfNoEntry: false });
    // A missing file gets the reader's own error, which names it.
    if (!stat) return loadModelScript(this.root, relativePath);
    const stamp = `${stat.size}:${stat.mtimeMs}:${stat.ino}`;
    const kept = this.#kept.get(file);
    this.#kept.delete(file);
    const script = kept?.stamp === stamp ? kept.script : loadModelScript(this.root, relativePath);
    this.#kept.set(file, { stamp, script });
    if (this.#kept.size > KEPT) this.#kept.delete(this.#kept.keys().next().value!);
    return script;
  }
}
