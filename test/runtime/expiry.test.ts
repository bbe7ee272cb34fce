import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Statement } from '../../src/bundle/index.ts';
import { RunCounters } from '../../src/runtime/metrics/index.ts';
import { RuntimeConfigSchema } from '../../src/runtime/config.ts';
import { createApp, type RuntimeState } from '../../src/runtime/server.ts';
import { sha256Hex } from '../../src/shared/index.ts';
import { Workbench } from '../../src/workbench/index.ts';
import { copyExampleProject } from '../support/mini-project.ts';

const root = copyExampleProject();
const wb = Workbench.open(root, { dbPath: path.join(root, '.tollgate', 'expiry.db'), traces: false });
afterAll(async () => wb.close());

/** The runtime's HTTP app over a workbench, serving a bundle that expires when the test says. */
function appExpiring(expires: string) {
  const statement = { predicate: { name: 'acme-support', version: 7, expires } } as unknown as Statement;
  const current = { version: 7, statement, host: wb };
  const state: RuntimeState = { current, all: new Map([[7, current]]), inflight: new Set(), draining: false, counters: { events: 0, duplicates: 0, rejected: 0 }, metrics: new RunCounters(), swap: () => Promise.reject(new Error('no swap')) };
  const config = RuntimeConfigSchema.parse({ tokens: [{ sha256: sha256Hex('tok'), identity: 'intake', roles: ['events', 'read'] }] });
  return { app: createApp(config, state), state };
}
const post = (app: ReturnType<typeof appExpiring>['app'], id: string) =>
  app.request('/v1/events', { method: 'POST', headers: { authorization: 'Bearer tok', 'content-type': 'application/json' }, body: JSON.stringify({ type: 'ticket.created', id, ticket: { id, subject: 'Refund', text: 'Keyboard O-1001 broken.', customer_email: 'maria.lopez@example.com' } }) });

describe('a bundle that expires while it is served', () => {
  it('starts nothing new, and /healthz says why', async () => {
    const { app } = appExpiring('2026-01-01T00:00:00.000Z');
    const health = await app.request('/healthz');
    expect([health.status, await health.json()]).toEqual([503, { ok: false, bundle_version: 7, draining: false, expired: true, expires: '2026-01-01T00:00:00.000Z' }]);
    const refused = await post(app, 'E-EXP-1');
    expect([refused.status, await refused.json()]).toEqual([503, { error: 'bundle version 7 expired at 2026-01-01T00:00:00.000Z: deploy a newer one (POST /v1/bundles)' }]);
    expect(wb.runs.list({})).toEqual([]);
  });

  it('before it expires, it is healthy and events pass the expiry check', async () => {
    const { app } = appExpiring('2999-01-01T00:00:00.000Z');
    const health = await app.request('/healthz');
    expect([health.status, ((await health.json()) as { expired: boolean }).expired]).toEqual([200, false]);
    // (This workbench has no model to start with: the event gets as far as starting its run.)
    const r = await post(app, 'E-EXP-2');
    expect(((await r.json()) as { error?: string }).error ?? '').not.toContain('expired');
  });
});
