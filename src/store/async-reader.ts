import { Worker } from 'node:worker_threads';

/**
 * Read-only queries answered by a worker thread with its own connection (WAL lets it read while
 * this process writes). `PRAGMA data_version` on it changes whenever another connection commits.
 */
export class AsyncReader {
  readonly #worker: Worker;
  readonly #pending = new Map<number, { resolve: (rows: unknown[]) => void; reject: (error: Error) => void }>();
  #next = 0;
  #failure: Error | undefined;

  private constructor(file: string) {
    this.#worker = new Worker(new URL('./read-worker.mjs', import.meta.url), { workerData: { file } });
    this.#worker.on('message', ({ id, rows, error }: { id: number; rows?: unknown[]; error?: string }) => {
      const waiter = this.#pending.get(id);
      this.#pending.delete(id);
      if (error !== undefined) waiter?.reject(new Error(error));
      else waiter?.resolve(rows ?? []);
    });
    this.#worker.on('error', (error) => this.#fail(error));
    this.#worker.on('exit', () => this.#fail(new Error('the database reader stopped')));
  }

  /** Opens a reader on an existing database file (the workbench creates and migrates it). */
  static open(file: string): AsyncReader {
    return new AsyncReader(file);
  }

  all<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    if (this.#failure) return Promise.reject(this.#failure);
    const id = this.#next++;
    return new Promise<T[]>((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (rows: unknown[]) => void, reject });
      this.#worker.postMessage({ id, sql, params });
    });
  }

  /** A number that changes whenever another connection has committed to the database. */
  async dataVersion(): Promise<number> {
    const [row] = await this.all<{ data_version: number }>('PRAGMA data_version');
    return row?.data_version ?? 0;
  }

  async close(): Promise<void> {
    this.#failure ??= new Error('the database reader is closed');
    await this.#worker.terminate();
  }

  #fail(error: Error): void {
    this.#failure ??= error;
    for (const waiter of this.#pending.values()) waiter.reject(error);
    this.#pending.clear();
  }
}
