import { describe, expect, it } from 'vitest';
import { mapConcurrent } from '../../src/shared/index.ts';

describe('mapConcurrent', () => {
  it('starts each call on a new turn of the event loop, even when the calls never leave the microtask queue', async () => {
    const order: string[] = [];
    setImmediate(() => order.push('turn'));
    await mapConcurrent([1, 2, 3], 1, async (n) => {
      await Promise.resolve();
      order.push(`call ${n}`);
    });
    // Without a turn between calls a chain of microtasks runs to its end before any timer or I/O.
    expect(order.indexOf('turn')).toBeLessThan(order.indexOf('call 3'));
    expect(order).toHaveLength(4);
  });

  it('keeps input order and never has more than the limit in flight', async () => {
    let inFlight = 0;
    let peak = 0;
    const out = await mapConcurrent([5, 1, 4, 2, 3], 2, async (n) => {
      peak = Math.max(peak, ++inFlight);
      await new Promise((r) => setTimeout(r, n));
      inFlight--;
      return n * 10;
    });
    expect(out).toEqual([50, 10, 40, 20, 30]);
    expect(peak).toBe(2);
  });

  it('after a failure starts nothing new and throws the first failure only once the calls in flight have ended', async () => {
    const started: number[] = [];
    const ended: number[] = [];
    let releaseSlow!: () => void;
    const slow = new Promise<void>((r) => (releaseSlow = r));
    const run = mapConcurrent([0, 1, 2, 3], 2, async (n) => {
      started.push(n);
      if (n === 0) await slow; // in flight when 1 fails
      if (n === 1) throw new Error('boom 1');
      ended.push(n);
      return n;
    });
    let settled = false;
    void run.catch(() => (settled = true));
    await new Promise((r) => setTimeout(r, 10));
    expect(settled).toBe(false); // 0 is still running
    releaseSlow();
    await expect(run).rejects.toThrow('boom 1');
    expect(started).toEqual([0, 1]);
    expect(ended).toEqual([0]);
  });
});
