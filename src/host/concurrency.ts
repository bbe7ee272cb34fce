import type { Definitions, Workflow } from '../workflow/index.ts';

/** A counting semaphore: at most `limit` holders; the rest wait in order. */
export class Semaphore {
  #active = 0;
  readonly #waiting: (() => void)[] = [];

  constructor(readonly limit: number) {}

  async use<T>(fn: () => Promise<T>): Promise<T> {
    if (this.#active >= this.limit) await new Promise<void>((resolve) => this.#waiting.push(resolve));
    else this.#active++;
    try {
      return await fn();
    } finally {
      const next = this.#waiting.shift();
      if (next) next();
      else this.#active--;
    }
  }

  get active(): number {
    return this.#active;
  }

  /** Holders waiting for a slot. */
  get waiting(): number {
    return this.#waiting.length;
  }
}

/** Spaces call starts so that no more than `perSecond` begin in any second. */
export class RateLimiter {
  #nextSlot = 0;

  constructor(
    private readonly perSecond: number,
    private readonly now: () => number = Date.now,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  ) {}

  async acquire(): Promise<void> {
    const interval = 1000 / this.perSecond;
    const now = this.now();
    const slot = Math.max(now, this.#nextSlot);
    this.#nextSlot = slot + interval;
    if (slot > now) await this.sleep(slot - now);
  }
}

export const DEFAULT_MAX_PARALLEL_RUNS = 16;

/**
 * Caps that keep a burst of triggered runs from overwhelming anything downstream: runs in
 * parallel overall, runs per workflow (`limits.concurrency`), and calls per tool (`limits` of
 * the connector: concurrency and rate).
 */
export class ConcurrencyLimits {
  readonly #global: Semaphore;
  readonly #workflows = new Map<string, Semaphore>();
  readonly #tools = new Map<string, { slots?: Semaphore; rate?: RateLimiter }>();

  constructor(definitions: Definitions, maxParallelRuns = Number(process.env.TOLLGATE_MAX_PARALLEL_RUNS) || DEFAULT_MAX_PARALLEL_RUNS) {
    this.#global = new Semaphore(maxParallelRuns);
    for (const { value: t } of definitions.tools) {
      this.#tools.set(t.name, {
        ...(t.limits?.concurrency ? { slots: new Semaphore(t.limits.concurrency) } : {}),
        ...(t.limits?.rate_per_second ? { rate: new RateLimiter(t.limits.rate_per_second) } : {}),
      });
    }
  }

  run<T>(workflow: Workflow, fn: () => Promise<T>): Promise<T> {
    let perWorkflow = this.#workflows.get(workflow.id);
    if (!perWorkflow) this.#workflows.set(workflow.id, (perWorkflow = new Semaphore(workflow.limits.concurrency ?? Number.MAX_SAFE_INTEGER)));
    return this.#global.use(() => perWorkflow.use(fn));
  }

  /** Runs accepted but waiting for a slot (overall or of their workflow). */
  get queued(): number {
    return this.#global.waiting + [...this.#workflows.values()].reduce((n, s) => n + s.waiting, 0);
  }

  async tool<T>(name: string, fn: () => Promise<T>): Promise<T> {
    const limits = this.#tools.get(name);
    const call = async () => {
      await limits?.rate?.acquire();
      return fn();
    };
    return limits?.slots ? limits.slots.use(call) : call();
  }
}
