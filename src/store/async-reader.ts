import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

// The worker's code, plain CommonJS evaluated as it is: a worker inherits no loader (tsx) and, in
// the bundled CLI, has no file of its own to point at. It loads the driver by its resolved path.
const READ_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 5000');
const statements = new Map();
parentPort.on('message', ({ id, sql, params }) => {
  try {
    let statement = statements.get(sql);
    if (!statement) statements.set(sql, (statement = db.prepare(sql)));
    parentPort.postMessage({ id, rows: statement.all(...params) });
  } catch (error) {
    parentPort.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
`;

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
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    this.#worker = new Worker(READ_WORKER, { eval: true, workerData: { file, driver } });
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
