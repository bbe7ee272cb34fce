import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunRecord } from '../../src/core/index.ts';
import { LiveWorld, projectParts, RunHost } from '../../src/host/index.ts';
import { readProject } from '../../src/project/index.ts';
import { Scheduler } from '../../src/runtime/scheduler.ts';
import { systemClock } from '../../src/shared/index.ts';
import { formatDiagnostic } from '../../src/workflow/index.ts';
import { copyExampleProject } from '../support/mini-project.ts';
import { startToolServer } from '../support/tool-server.ts';

// Schedules as the runtime fires them, over real runs: three runtimes (run hosts with their own
// schedulers and clocks) sharing one database file, ticking a second apart each, slightly out of
// step; then a runtime that starts after a downtime.
const T0 = Date.parse('2026-03-02T08:00:00.000Z');
const HOSTS = ['orders', 'kb', 'payments', 'mail', 'tickets', 'erp', 'runbooks', 'paging'];
const workflow = (catchUp: string) => `id: nightly-digest
version: 1
trigger: { schedule: "*/10 * * * * *", timezone: Europe/Berlin, catch_up: ${catchUp} }
policy: [sre-default]
steps:
  - id: ticket
    tool: tickets.create
    args: { queue: '"sre"', title: '"digest for " + event.scheduled_for', body: '"nothing new"', severity: '"low"' }
    next: [{ to: done }]
  - id: done
    end: done
`;

let root: string;
let tools: Awaited<ReturnType<typeof startToolServer>>;
const hosts: RunHost[] = [];
const runs: Promise<RunRecord>[] = [];

function runtime(dbPath: string, clock: { now: () => number }) {
  const live = new LiveWorld(Object.fromEntries(HOSTS.map((h) => [`${h}.acme.test`, `${tools.origin}/${h}.acme.test`])), 'http://127.0.0.1:9');
  const host = new RunHost({ ...projectParts(root, { dbPath, traces: false }), world: live });
  hosts.push(host);
  const scheduler = new Scheduler({ current: () => ({ host, version: 1 }), clock: { ...systemClock, now: clock.now }, started: (run) => void runs.push(run), firing: () => true });
  return { host, scheduler };
}

beforeAll(async () => {
  root = copyExampleProject();
  writeFileSync(path.join(root, 'workflows', 'nightly-digest.yaml'), workflow('latest'));
  tools = await startToolServer(root);
});

afterAll(async () => {
  for (const h of hosts) await h.close();
  await tools?.close();
});

describe('schedule triggers', () => {
  it('three runtimes over one store fire each occurrence once, as a run whose event names it; a later start fires the latest missed one', async () => {
    const dbPath = path.join(root, 'state', 'runtime.db');
    const times = [T0, T0, T0];
    const replicas = times.map((_, i) => runtime(dbPath, { now: () => times[i]! }));
    const fired: string[][] = [[], [], []];
    for (let second = 1; second <= 62; second++) {
      for (const [i, r] of replicas.entries()) {
        times[i] = T0 + second * 1000 + i * 300;
        fired[i]!.push(...r.scheduler.tick());
      }
    }
    const done = await Promise.all(runs);
    const expected = [10, 20, 30, 40, 50, 60].map((s) => new Date(T0 + s * 1000).toISOString());
    // Each occurrence fired by exactly one runtime (whichever ticked first), never twice.
    expect(fired.flat().sort()).toEqual(expected.map((e) => `schedule|nightly-digest|${e}`));
    expect(fired[0]!.length).toBe(6);
    expect(done.map((r) => [r.status, r.triggerType, r.workflow])).toEqual(expected.map(() => ['completed', 'schedule', 'nightly-digest']));
    expect(done.map((r) => (r.event as { scheduled_for: string }).scheduled_for).sort()).toEqual(expected);
    const tickets = tools.writes.filter((w) => w.url.endsWith('/v1/tickets'));
    expect(tickets.map((w) => w.runId).sort()).toEqual(done.map((r) => r.runId).sort());

    // Nothing served from T0+63 s to T0+125 s: the schedule says catch_up: latest.
    runs.length = 0;
    let now = T0 + 125_000;
    const later = runtime(dbPath, { now: () => now });
    expect(later.scheduler.tick()).toEqual([`schedule|nightly-digest|${new Date(T0 + 120_000).toISOString()}`]);
    now += 10_000;
    expect(later.scheduler.tick()).toEqual([`schedule|nightly-digest|${new Date(T0 + 130_000).toISOString()}`]);
    expect(later.scheduler.tick()).toEqual([]);
    expect((await Promise.all(runs)).map((r) => r.status)).toEqual(['completed', 'completed']);
    expect(later.host.runs.list({ workflow: 'nightly-digest' })).toHaveLength(8);
  });

  it('a cron expression or time zone that does not read is an error at its line', () => {
    writeFileSync(path.join(root, 'workflows', 'nightly-digest.yaml'), workflow('latest').replace('"*/10 * * * * *"', '"61 9 * * MON-FRI"').replace('Europe/Berlin', 'Mars/Olympus'));
    const problems = readProject(root).diagnostics.map(formatDiagnostic).filter((d) => d.startsWith('workflows/nightly-digest.yaml'));
    expect(problems).toEqual([
      expect.stringMatching(/^workflows\/nightly-digest\.yaml:3:\d+: error \w+: .*expected a cron expression such as "0 9 \* \* MON-FRI" \(Invalid value for minute: 61\)/),
      expect.stringMatching(/^workflows\/nightly-digest\.yaml:3:\d+: error \w+: .*expected an IANA time zone such as "Europe\/Berlin" or "UTC", not "Mars\/Olympus"/),
    ]);
  });
});
