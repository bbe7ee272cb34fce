import type { Clock, TimeoutHandle } from './clock.ts';

interface Deadline {
  readonly at: number;
  readonly controller: AbortController;
}

/**
 * Time for a run in a mocked world, where nothing happens while one waits: a wait (a retry's backoff,
 * an injected delay) is skipped, the clock moving on by its length, and a timeout whose deadline
 * such a wait passes fires at that moment. The journal records the same times as a real wait would;
 * a gold case with a 30 s hang behind a 2 s timeout takes no time at all. Real work still runs in real
 * time, with real timers as a backstop, so a slow mocked world still times out.
 */
export class WaitSkippingClock implements Clock {
  #skipped = 0;
  readonly #deadlines = new Set<Deadline>();

  constructor(private readonly base: Clock) {}

  now(): number {
    return this.base.now() + this.#skipped;
  }

  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    const until = this.now() + Math.max(0, ms);
    for (const deadline of [...this.#deadlines].sort((a, b) => a.at - b.at)) {
      if (deadline.at > until) break;
      this.#moveTo(deadline.at);
      this.#deadlines.delete(deadline);
      deadline.controller.abort(timeUp());
      signal?.throwIfAborted();
    }
    this.#moveTo(until);
    // One turn of the event loop, as a timer would give: other runs get theirs.
    await new Promise<void>((resolve) => setImmediate(resolve));
    signal?.throwIfAborted();
  }

  timeout(ms: number): TimeoutHandle {
    const deadline: Deadline = { at: this.now() + ms, controller: new AbortController() };
    this.#deadlines.add(deadline);
    // The real timer stays as a backstop: real work (a slow mocked world) still runs out of time.
    const timer = setTimeout(() => deadline.controller.abort(timeUp()), ms);
    timer.unref();
    return {
      signal: deadline.controller.signal,
      clear: () => {
        clearTimeout(timer);
        this.#deadlines.delete(deadline);
      },
    };
  }

  #moveTo(at: number): void {
    this.#skipped += Math.max(0, at - this.now());
  }
}

const timeUp = () => new DOMException('The operation was aborted due to timeout', 'TimeoutError');
