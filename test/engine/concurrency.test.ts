import { describe, expect, it } from 'vitest';
import { RateLimiter, Semaphore } from '../../src/workbench/index.ts';
import { openMini } from '../support/workbench.ts';
import { MINI_FILES, TICKET_EVENT } from '../support/mini-project.ts';

const tick = () => new Promise((r) => setTimeout(r, 1));

describe('concurrency caps', () => {
  it('a semaphore never lets more than its limit run, and runs all of a burst of 1,000', async () => {
    const sem = new Semaphore(4);
    let active = 0;
    let peak = 0;
    let done = 0;
    await Promise.all(
      Array.from({ length: 1000 }, () =>
        sem.use(async () => {
          peak = Math.max(peak, ++active);
          await tick();
          active--;
          done++;
        }),
      ),
    );
    expect(peak).toBe(4);
    expect(done).toBe(1000);
    expect(sem.active).toBe(0);
  });

  it('a rate limiter spaces call starts: at 100/s, back-to-back calls wait 10ms more each', async () => {
    const waits: number[] = [];
    const limiter = new RateLimiter(100, () => 0, async (ms) => void waits.push(ms));
    for (let i = 0; i < 4; i++) await limiter.acquire();
    expect(waits).toEqual([10, 20, 30]);
  });

  it('per-workflow concurrency: runs of one workflow beyond its cap wait for a slot', async () => {
    // Every tool request, in the order the world saw them, by run: a run that overlapped another would interleave.
    const seen = ((globalThis as Record<string, unknown>).__runOrder = []) as string[];
    const wb = openMini({
      'workflows/refund.yaml': MINI_FILES['workflows/refund.yaml']!.replace('limits: { step_timeout: 2s }', 'limits: { step_timeout: 2s, concurrency: 1 }'),
      'fixtures/tools/index.ts': `import { createToolWorld as base } from './world.ts';
export function createToolWorld() {
  const world = base();
  return {
    async handle(request: Request) {
      (globalThis as any).__runOrder.push(request.headers.get('x-tollgate-run-id'));
      // A real pause inside each call: without the cap, the runs would take turns here.
      await new Promise((r) => setTimeout(r, 5));
      return world.handle(request);
    },
  };
}
`,
      'fixtures/tools/world.ts': MINI_FILES['fixtures/tools/index.ts']!,
    });
    try {
      const runs = await Promise.all(Array.from({ length: 3 }, () => wb.start({ workflow: 'refund', event: TICKET_EVENT, script: 'fixtures/models/o1.yaml' })));
      expect(runs.every((r) => r.endState === 'resolved')).toBe(true);
      const blocks = seen.filter((id, i) => id !== seen[i - 1]);
      expect(blocks).toHaveLength(3);
      expect(new Set(blocks).size).toBe(3);
    } finally {
      await wb.close();
    }
  });
});

describe('per-tool concurrency cap, across runs', () => {
  it('never lets more calls of a capped tool be in flight than its limit, however many runs start', async () => {
    const state = ((globalThis as Record<string, unknown>).__toolInflight = { now: 0, peak: 0 }) as { now: number; peak: number };
    const wb = openMini({
      'workflows/tools/orders.get.yaml': `${MINI_FILES['workflows/tools/orders.get.yaml']}limits: { concurrency: 2 }\n`.replace('timeout: 300ms', 'timeout: 5s'),
      'workflows/refund.yaml': MINI_FILES['workflows/refund.yaml']!.replace('limits: { step_timeout: 2s }', 'limits: { step_timeout: 10s }'),
      'fixtures/tools/index.ts': `import { createToolWorld as base } from './world.ts';
export function createToolWorld() {
  const world = base();
  return {
    async handle(request: Request) {
      const s = (globalThis as any).__toolInflight;
      if (!request.url.includes('/v1/orders/')) return world.handle(request);
      s.now++; s.peak = Math.max(s.peak, s.now);
      await new Promise((r) => setTimeout(r, 20));
      s.now--;
      return world.handle(request);
    },
  };
}
`,
      'fixtures/tools/world.ts': MINI_FILES['fixtures/tools/index.ts']!,
    });
    try {
      const runs = await Promise.all(Array.from({ length: 8 }, () => wb.start({ workflow: 'refund', event: TICKET_EVENT, script: 'fixtures/models/o1.yaml' })));
      expect(runs.every((r) => r.endState === 'resolved')).toBe(true);
      expect(state.peak).toBeGreaterThan(0);
      expect(state.peak).toBeLessThanOrEqual(2);
    } finally {
      await wb.close();
    }
  });
});
