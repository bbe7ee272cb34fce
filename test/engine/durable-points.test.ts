import { describe, expect, it } from 'vitest';
import { executeRun, JournalUnavailable, type RunDefinitions, type RunEffects } from '../../src/engine/index.ts';
import { PiiVault } from '../../src/policy/index.ts';
import { systemClock } from '../../src/shared/index.ts';
import type { JournalRow } from '../../src/core/index.ts';
import type { ToolConnector, Workflow } from '../../src/workflow/index.ts';

/** lookup (read) → refund (write) → notify (read) → done: the shape of most workflows. */
function definitions(): RunDefinitions {
  const tool = (name: string, side_effect: 'read' | 'write'): ToolConnector => ({
    name, description: name, side_effect, scopes: [], data_classes: [], args: { type: 'object' }, http: { method: side_effect === 'write' ? 'POST' : 'GET', url: `https://svc.test/${name}` },
  } as ToolConnector);
  const steps = [
    { id: 'lookup', tool: 'orders.get', args: {} },
    { id: 'refund', tool: 'refunds.create', args: {} },
    { id: 'notify', tool: 'status.get', args: {} },
    { id: 'done', end: 'resolved' },
  ];
  return {
    workflow: { id: 'durable', version: 1, trigger: { event: 'test' }, policy: [], limits: {}, agents: {}, steps } as unknown as Workflow,
    tools: new Map([tool('orders.get', 'read'), tool('refunds.create', 'write'), tool('status.get', 'read')].map((t) => [t.name, t])),
    policies: [{ id: 'live', version: 1, tools: { allow: [], deny: [] }, environments: { dev: { writes: 'live' } }, constraints: [], approvals: [], results: [], data: { redact_before_model: [], forbid: [] }, budgets: {}, loops: { max_identical_tool_calls: 3, on_exceed: 'escalate' } }] as unknown as RunDefinitions['policies'],
    project: { name: 'test', environment: 'dev', models: { default: 'm', routes: {}, digests: {}, prices: {} }, alerts: [], people: {} } as unknown as RunDefinitions['project'],
    definitionsDigest: 'sha256:test',
  };
}

/** A store that holds rows until asked to make them durable, and what each tool saw of it when called. */
function heldStore(options: { refuse?: boolean; onSend?: (tool: string) => void } = {}) {
  const held: JournalRow[] = [];
  const durable: JournalRow[] = [];
  const calls: { tool: string; key: string; durableKinds: string[]; held: number }[] = [];
  const effects: RunEffects = {
    model: { chat: () => Promise.reject(new Error('no model')), digest: async () => undefined },
    sendTool: async (call) => {
      options.onSend?.(call.connector.name);
      calls.push({ tool: call.connector.name, key: call.idempotencyKey, durableKinds: durable.map((r) => `${r.kind}:${r.stepKey}`), held: held.length });
      return { status: 200, body: { ok: true } };
    },
    approvals: { open: () => undefined, state: () => ({ status: 'approved', approvers: [] }) },
    clock: systemClock,
    vault: new PiiVault(),
  };
  const makeDurable = () => {
    if (options.refuse) throw Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
    durable.push(...held.splice(0));
  };
  return { held, durable, calls, effects, sink: (row: JournalRow) => void held.push(row), makeDurable };
}

const input = { runId: 'run_durable', correlationId: 'cor', env: 'dev' as const, event: {}, startedAt: Date.now(), requestedBy: 'test' };

describe('durable points: rows are committed together, and always before a write', () => {
  it('a write is sent only once every row before it, its own start included, is durable; reads go out with rows still held', async () => {
    const store = heldStore();
    const result = await executeRun(definitions(), input, store.effects, [], store.sink, { makeDurable: store.makeDurable });
    expect(result.endState).toBe('resolved');
    const [lookup, refund, notify] = store.calls;
    expect(lookup!.held).toBeGreaterThan(0);
    expect(refund!.held).toBe(0);
    expect(refund!.durableKinds).toContain('tool.done:lookup');
    expect(refund!.durableKinds.at(-1)).toBe('tool.started:refund');
    expect(notify!.held).toBeGreaterThan(0);
    // The end of the execution leaves nothing held; run.started was made durable alone, at once.
    expect([store.held.length, store.durable.at(-1)!.kind]).toEqual([0, 'run.ended']);
    expect(store.durable.map((r) => r.seq)).toEqual(store.durable.map((_, i) => i + 1));
  });

  it('a store that cannot make the journal durable stops the run before the write is sent', async () => {
    const store = heldStore({ refuse: true });
    const error = await executeRun(definitions(), input, store.effects, [], store.sink, { makeDurable: store.makeDurable }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JournalUnavailable);
    expect((error as Error).message).toMatch(/could not record run\.started of run: database is locked/);
    expect(store.calls).toEqual([]);
  });

  it('after a crash that lost the held rows, re-execution from the durable ones sends the write again under the same key, and reaches the same end', async () => {
    let crashAt: number | undefined;
    // The process dies as the last read goes out: the rows it held are gone.
    const first = heldStore({ onSend: (tool) => void (tool === 'status.get' && (crashAt = first.durable.length)) });
    await executeRun(definitions(), input, first.effects, [], first.sink, { makeDurable: first.makeDurable });
    const survived = first.durable.slice(0, crashAt);
    expect(survived.some((r) => r.kind === 'tool.done' && r.stepKey === 'refund')).toBe(false);

    const second = heldStore();
    const result = await executeRun(definitions(), input, second.effects, survived, second.sink, { makeDurable: second.makeDurable });
    expect(result.endState).toBe('resolved');
    expect(second.calls.map((c) => [c.tool, c.key])).toEqual([['refunds.create', 'run_durable:refund'], ['status.get', 'run_durable:notify']]);
  });
});
