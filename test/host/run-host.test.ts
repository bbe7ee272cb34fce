import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LiveWorld, projectParts, RunHost, type RunWorld } from '../../src/host/index.ts';
import { systemClock, UsageError } from '../../src/shared/index.ts';
import { copyExampleProject } from '../support/mini-project.ts';
import { startOllamaServer } from '../support/ollama-server.ts';
import { startToolServer } from '../support/tool-server.ts';

// A run host composed by the test from its parts alone: production's LiveWorld, pointed at a test's
// tool server and Ollama, behind a world of the test's own that records what passes it; a clock
// that always says T0; IDs from a counter. Nothing of the workbench or its mocks is involved.
const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
const HOSTS = ['orders', 'kb', 'payments', 'mail', 'tickets', 'erp', 'runbooks', 'paging'];
let root: string;
let tools: Awaited<ReturnType<typeof startToolServer>>;
let ollama: Awaited<ReturnType<typeof startOllamaServer>>;
let host: RunHost;
const seen = { entered: [] as string[], left: [] as string[], tools: [] as string[], closed: 0 };

beforeAll(async () => {
  root = copyExampleProject();
  tools = await startToolServer(root);
  ollama = await startOllamaServer([{ marker: 'O-1001', file: path.join(root, 'fixtures/models/refund-request/small-refund-auto.yaml') }]);
  const live = new LiveWorld(Object.fromEntries(HOSTS.map((h) => [`${h}.acme.test`, `${tools.origin}/${h}.acme.test`])), ollama.host);
  const world: RunWorld = {
    runsSnapshots: false,
    clockFor: (base) => base,
    enter: async (run, clock) => {
      seen.entered.push(run.runId);
      const t = await live.enter(run, clock);
      return { model: t.model, tools: (call) => (seen.tools.push(call.connector.name), t.tools(call)) };
    },
    leave: (runId) => void seen.left.push(runId),
    close: async () => void seen.closed++,
  };
  let n = 0;
  const parts = projectParts(root, { dbPath: path.join(root, 'state', 'host.db'), tracesDir: path.join(root, 'state', 'traces'), clock: { ...systemClock, now: () => T0 }, ids: (prefix) => `${prefix}_t${++n}` });
  host = new RunHost({ ...parts, world });
}, 60_000);

afterAll(async () => {
  await host?.close();
  await tools?.close();
  await ollama?.close();
});

describe('a run host composed of a store, a world, a clock and an ID source', () => {
  it('runs through the parts it was given: its IDs, its time, every tool call through its transport, the world told when the run ends', async () => {
    const event = { type: 'ticket.created', id: 'T-1', ticket: { id: 'T-1', subject: 'Refund', text: 'Keyboard O-1001 arrived broken, refund please.', customer_email: 'maria.lopez@example.com' } };
    const run = await host.start({ workflow: 'refund-request', event, env: 'prod' });
    expect([run.runId, run.correlationId, run.status, run.startedAt, run.endedAt]).toEqual(['run_t1', 'cor_t2', 'completed', T0, T0]);
    expect(seen.entered).toEqual(['run_t1']);
    expect(seen.left).toEqual(['run_t1']);
    // Every call the journal records went through the world's transport; each write (the refund, the reply) reached the tools once.
    const called = host.journal('run_t1').filter((r) => r.kind === 'tool.started').map((r) => (r.data as { input: { tool: string } }).input.tool);
    expect(called.length).toBeGreaterThan(1);
    expect(seen.tools).toEqual(called);
    expect(tools.writes.filter((w) => w.runId === 'run_t1').map((w) => w.url)).toEqual(['https://payments.acme.test/v1/refunds', 'https://mail.acme.test/v1/messages']);
    // Its audit chain, vault and trace are the host's, in the places its parts say.
    expect(host.audit.verify().ok).toBe(true);
    expect(existsSync(path.join(root, 'state', 'traces', 'run_t1.json'))).toBe(true);
    expect(JSON.stringify(host.runs.get('run_t1')!.event)).not.toContain('maria.lopez@example.com');
  });

  it('a world that runs only its own definitions refuses a snapshot before anything is written', async () => {
    await expect(host.start({ workflow: 'refund-request', event: { type: 'ticket.created', id: 'T-2' }, snapshot: { 'x.yaml': 'x' } })).rejects.toThrow(UsageError);
    expect(host.runs.list().map((r) => r.runId)).toEqual(['run_t1']);
  });

  it('closing the host closes its world and its store', async () => {
    await host.close();
    expect(seen.closed).toBe(1);
    expect(() => host.runs.get('run_t1')).toThrow(/database connection is not open/);
  });
});
