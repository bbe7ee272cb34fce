import type { RunRecord } from '../core/index.ts';
import type { RunHost } from '../host/index.ts';
import { dueSince, missedAtStart, scheduleEventKey, scheduleKeyPrefix } from '../schedule/index.ts';
import type { Clock } from '../shared/index.ts';

export interface SchedulerParts {
  /** The host serving now, and its bundle's version (a hot swap changes both). */
  readonly current: () => { readonly host: RunHost; readonly version: number };
  readonly clock: Clock;
  /** A run the scheduler started, for the runtime to keep in flight. */
  readonly started: (run: Promise<RunRecord>) => void;
  /** Whether runs may start now (not while the runtime drains). */
  readonly firing: () => boolean;
}

/**
 * Fires the serving bundle's schedules. Each occurrence is claimed by its event ID in the store
 * before its run starts, never taken over, so any number of runtimes sharing the store fire it
 * once; a process that dies between the claim and the run's row loses that one occurrence (at most
 * once). Occurrences missed while no runtime served are fired at start as `catch_up` says.
 */
export class Scheduler {
  readonly #startedAt: number;
  /** Workflows whose missed occurrences were settled (once per workflow and process). */
  readonly #settled = new Set<string>();

  constructor(private readonly parts: SchedulerParts) {
    this.#startedAt = parts.clock.now();
  }

  /** Fires what is due at the clock's now; returns the event IDs of the occurrences it fired. */
  tick(): string[] {
    if (!this.parts.firing()) return [];
    const { host, version } = this.parts.current();
    const now = this.parts.clock.now();
    const fired: string[] = [];
    for (const { value: wf } of host.definitions.workflows) {
      if (!('schedule' in wf.trigger)) continue;
      const prefix = scheduleKeyPrefix(wf.id);
      const newest = host.store.events.latest(prefix);
      const lastFired = newest === undefined ? undefined : Date.parse(newest.slice(prefix.length));
      const due = [...dueSince(wf.trigger, lastFired, this.#startedAt, now)];
      if (!this.#settled.has(wf.id)) {
        this.#settled.add(wf.id);
        const missed = missedAtStart(wf.trigger, lastFired, this.#startedAt);
        if (missed.dropped > 0) host.log.warn({ workflow: wf.id, dropped: missed.dropped, catch_up: wf.trigger.catch_up }, `${missed.dropped} occurrence(s) of ${wf.id}'s schedule came due while no runtime served: not fired (catch_up: ${wf.trigger.catch_up})`);
        due.unshift(...missed.fire);
      }
      for (const at of due) {
        const key = scheduleEventKey(wf.id, at);
        if (!host.store.events.claim(key, version)) continue;
        const iso = new Date(at).toISOString();
        const event = { type: 'schedule', id: `${wf.id}@${iso}`, scheduled_for: iso };
        this.parts.started(host.start({ workflow: wf.id, event, env: 'prod', requestedBy: 'schedule', onCreated: (runId) => host.store.events.bind(key, runId) }));
        fired.push(key);
      }
    }
    return fired;
  }

  /** Ticks every second until the returned function is called. */
  run(): () => void {
    const timer = setInterval(() => {
      try {
        this.tick();
      } catch (error) {
        // A store that refuses a claim now may take it on the next tick: the runtime keeps serving.
        process.stderr.write(`tollgate: schedules not fired: ${(error as Error).message.split('\n')[0]}\n`);
      }
    }, 1_000);
    timer.unref();
    return () => clearInterval(timer);
  }
}
