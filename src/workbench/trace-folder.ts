import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Recording } from '../trace/index.ts';

/** Trace files listed at most (newest first). */
const TRACE_LIMIT = 500;

/**
 * The recordings in a traces folder (runs this database may not hold: an incident's trace copied
 * in), read asynchronously and kept by path while a file's mtime does not change.
 */
export class TraceFolder {
  readonly #cache = new Map<string, { mtimeMs: number; recording: Recording | undefined }>();

  constructor(readonly dir: string) {}

  /** When the folder last changed (0 when there is none). */
  changedAt(): Promise<number> {
    return stat(this.dir).then((s) => s.mtimeMs, () => 0);
  }

  /**
   * The newest trace files' recordings; files that are not tollgate recordings are left out, and so
   * are `<run-id>.json` files of runs in `skip` (the database has them: no need to parse them).
   */
  async recordings(skip: ReadonlySet<string>): Promise<Recording[]> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    if (!names.length) return [];
    const { parseRecording } = await import('../trace/index.ts');
    const files = await Promise.all(
      names.filter((n) => /\.jsonl?$/.test(n) && !skip.has(n.replace(/\.jsonl?$/, ''))).map(async (n) => {
        const file = path.join(this.dir, n);
        return { file, mtimeMs: await stat(file).then((s) => s.mtimeMs, () => 0) };
      }),
    );
    files.sort((a, b) => b.mtimeMs - a.mtimeMs);
    const out: Recording[] = [];
    for (const { file, mtimeMs } of files.slice(0, TRACE_LIMIT)) {
      let cached = this.#cache.get(file);
      if (!cached || cached.mtimeMs !== mtimeMs) {
        const text = await readFile(file, 'utf8').catch(() => '');
        let recording: Recording | undefined;
        try {
          recording = parseRecording(text, file);
        } catch {
          recording = undefined;
        }
        this.#cache.set(file, (cached = { mtimeMs, recording }));
      }
      if (cached.recording) out.push(cached.recording);
    }
    return out;
  }
}
