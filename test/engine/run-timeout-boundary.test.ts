import { describe, expect, it } from 'vitest';
import { executeRun, type RunDefinitions, type RunEffects } from '../../src/engine/index.ts';
import { PiiVault } from '../../src/policy/index.ts';
import { EffectFailed, type Clock } from '../../src/shared/index.ts';
import type { JournalRow } from '../../src/core/index.ts';
import type { ToolConnector, Workflow } from '../../src/workflow/index.ts';

/** One write that hangs, in a run of 1 s: the write is given what is left of the run's time. */
function definitions(kind: 'write' | 'read'): RunDefinitions {
  const tool = { name: 'refunds.create', description: 'refund', side_effect: kind, scopes: [], data_classes: [], args: { type: 'object' }, http: { method: 'POST', url: 'https://svc.test/refunds' }, retry: { initial_interval: '10ms', maximum_attempts: 1 } } as unknown as ToolConnector;
  return {
    workflow: { id: 'slow', version: 1, trigger: { event: 'test' }, policy: [], limits: { run_timeout: '1000ms' }, agents: {}, steps: [{ id: 'refund', tool: tool.name, args: {} }, { id: 'done', end: 'resolved' }] } as unknown as Workflow,
    tools: new Map([[tool.name, tool]]),
    policies: [{ id: 'live', version: 1, tools: { allow: [], deny: [] }, environments: { dev: { writes: 'live' } }, constraints: [], approvals: [], results: [], data: { redact_before_model: [], forbid: [] }, budgets: {}, loops: { max_identical_tool_calls: 3, on_exceed: 'escalate' } }] as unknown as RunDefinitions['policies'],
    project: { name: 'test', environment: 'dev', models: { default: 'm', routes: {}, digests: {}, prices: {} }, alerts: [], people: {} } as unknown as RunDefinitions['project'],
    definitionsDigest: 'sha256:test',
  };
}

describe('a call given the rest of the run\'s time, timing out a millisecond before the clock reads the limit', () => {
  for (const kind of ['write', 'read'] as const) {
    it(`ends the run timed out (a ${kind}), not as the step's own timeout`, async () => {
      const start = 1_700_000_000_000;
      let now = start;
      const clock: Clock = { now: () => now, sleep: async (ms) => void (now += ms) };
      const effects: RunEffects = {
        model: { chat: () => Promise.reject(new Error('no model')), digest: async () => undefined },
        // The run's timer fires as the clock reads 999 ms: timers may fire a millisecond early.
        sendTool: async (call) => {
          now = start + 999;
          throw new EffectFailed({ code: 'TG_TOOL_TIMEOUT', message: `no reply within ${call.timeoutMs}ms; the request was aborted`, retryable: true, timeoutMs: call.timeoutMs });
        },
        approvals: { open: () => undefined, state: () => ({ status: 'approved', approvers: [] }) },
        clock,
        vault: new PiiVault(),
      };
      const rows: JournalRow[] = [];
      const input = { runId: `run_${kind}`, correlationId: 'cor', env: 'dev' as const, event: {}, startedAt: start, requestedBy: 'test' };
      const result = await executeRun(definitions(kind), input, effects, [], (row) => void rows.push(row));
      expect([result.status, result.reason]).toEqual(['timed_out', 'run timed out after 1000ms (limit 1000ms)']);
      expect(rows.map((r) => r.kind)).not.toContain('tool.outcome_unknown');
    });
  }
});
