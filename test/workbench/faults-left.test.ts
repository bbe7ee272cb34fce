import { describe, expect, it } from 'vitest';
import type { JournalRow } from '../../src/core/index.ts';
import { faultsLeft } from '../../src/workbench/faults-left.ts';

let seq = 0;
const row = (kind: string, stepKey: string, attempt: number, data: unknown = {}): JournalRow => ({ seq: ++seq, kind, stepKey, attempt, inputSha256: null, data, ts: 0 });
/** An attempt at a tool: started, and done unless the process died in between. */
const attempt = (tool: string, stepKey: string, n: number, done = true) => [row('tool.started', stepKey, n, { input: { tool } }), ...(done ? [row('tool.done', stepKey, n)] : [])];

describe('faults a resumed run has left', () => {
  const faults = [{ tool: 'email.send', status: 503, times: 2 }, { tool: 'email.send', delay: '30s', times: 1 }, { tool: 'orders.get', status: 500, times: 1 }];

  it('a fresh run has all of them', () => {
    expect(faultsLeft(faults, [])).toEqual(faults);
  });

  it('each finished attempt used up the next fault of its tool, in the order the case lists them', () => {
    const journal = [...attempt('orders.get', 'lookup', 1), ...attempt('email.send', 'notify', 1), ...attempt('email.send', 'notify', 2), ...attempt('email.send', 'notify', 3, false)];
    expect(faultsLeft(faults, journal)).toEqual([{ tool: 'email.send', delay: '30s', times: 1 }]);
  });

  it('an attempt cut off before its answer was recorded used none', () => {
    expect(faultsLeft(faults, attempt('email.send', 'notify', 1, false))).toEqual(faults);
  });
});
