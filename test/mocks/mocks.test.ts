import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadMocks } from '../../src/mocks/index.ts';
import { REPO } from '../support/cli.ts';

/** A project folder holding only `fixtures/tools/<file>`, with the repo's node_modules (so `msw` resolves). */
function mocksProject(file: string, text: string): string {
  const root = mkdtempSync(path.join(tmpdir(), 'tollgate-mocks-'));
  mkdirSync(path.join(root, 'fixtures', 'tools'), { recursive: true });
  writeFileSync(path.join(root, 'fixtures', 'tools', file), text);
  symlinkSync(path.join(REPO, 'node_modules'), path.join(root, 'node_modules'));
  return root;
}

// A payments API in MSW handlers: state per call of createHandlers, a counter of executed writes.
const PAYMENTS = `import { http, HttpResponse } from 'msw';
export const executed = [];
export function createHandlers(run) {
  const refunds = [];
  return [
    http.post('https://pay.test/v1/refunds', async ({ request }) => {
      const body = await request.json();
      if (body.amount > 500) return HttpResponse.json({ error: 'upstream down' }, { status: 503 });
      executed.push(run.runId);
      refunds.push(body);
      return HttpResponse.json({ id: 'R-' + refunds.length, run: run.runId, ...body }, { status: 201 });
    }),
    http.get('https://pay.test/v1/refunds', () => HttpResponse.json({ count: refunds.length })),
  ];
}
`;

const post = (body: unknown, key?: string) =>
  new Request('https://pay.test/v1/refunds', { method: 'POST', headers: { 'content-type': 'application/json', ...(key ? { 'idempotency-key': key } : {}) }, body: JSON.stringify(body) });

describe('MSW handler mocks', () => {
  it('builds one world per run: state created by createHandlers is that run alone', async () => {
    const createWorld = await loadMocks(mocksProject('index.mjs', PAYMENTS));
    const [a, b] = [await createWorld({ runId: 'run-a' }), await createWorld({ runId: 'run-b' })];
    const created = await a.handle(post({ amount: 10 }, 'k1'));
    expect([created.status, await created.json()]).toEqual([201, { id: 'R-1', run: 'run-a', amount: 10 }]);
    expect(await (await a.handle(new Request('https://pay.test/v1/refunds?limit=1'))).json()).toEqual({ count: 1 });
    expect(await (await b.handle(new Request('https://pay.test/v1/refunds'))).json()).toEqual({ count: 0 });
  });

  it('honours Idempotency-Key: a retry gets the first answer without a second write; another body under the key is a 422; a 5xx is not kept', async () => {
    const root = mocksProject('index.mjs', PAYMENTS);
    const createWorld = await loadMocks(root);
    const { executed } = (await import(path.join(root, 'fixtures', 'tools', 'index.mjs'))) as { executed: string[] };
    const world = await createWorld({ runId: 'run-i' });
    const first = await (await world.handle(post({ amount: 10 }, 'key-1'))).json();
    const retry = await world.handle(post({ amount: 10 }, 'key-1'));
    expect([retry.status, await retry.json()]).toEqual([201, first]);
    expect(executed).toEqual(['run-i']);
    const reused = await world.handle(post({ amount: 99 }, 'key-1'));
    expect([reused.status, await reused.json()]).toEqual([422, { error: 'Idempotency-Key reused with a different request' }]);
    expect((await world.handle(post({ amount: 900 }, 'key-2'))).status).toBe(503);
    expect((await world.handle(post({ amount: 900 }, 'key-2'))).status).toBe(503); // tried again, not replayed
    expect((await world.handle(post({ amount: 20 }))).status).toBe(201); // no key: every call writes
    expect(executed).toEqual(['run-i', 'run-i']);
  });

  it('answers a request no handler matches with a 404 that names it', async () => {
    const world = await (await loadMocks(mocksProject('index.mjs', PAYMENTS)))({ runId: 'r' });
    const missing = await world.handle(new Request('https://pay.test/v1/payouts', { method: 'DELETE' }));
    expect([missing.status, await missing.json()]).toEqual([404, { error: 'no mock handler answers DELETE https://pay.test/v1/payouts' }]);
  });

  it('still reads the createToolWorld() contract', async () => {
    const createWorld = await loadMocks(mocksProject('index.js', `export function createToolWorld(run) { return { handle: async () => Response.json({ run: run.runId }) }; }\n`));
    expect(await (await (await createWorld({ runId: 'r-7' })).handle(new Request('https://x.test/'))).json()).toEqual({ run: 'r-7' });
  });

  it('says what is wrong with a project mocks: missing, exporting nothing usable, a bad return, a syntax error with its line', async () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'tollgate-mocks-'));
    await expect(loadMocks(empty)).rejects.toThrow(/^no tool mocks: expected .*fixtures\/tools\/index\.js \(or index\.ts\) exporting createHandlers\(\)$/);
    await expect(loadMocks(mocksProject('index.mjs', 'export const handlers = [];\n'))).rejects.toThrow(/index\.mjs exports neither createHandlers\(\) \(MSW request handlers\) nor createToolWorld\(\)$/);
    const notArray = await loadMocks(mocksProject('index.mjs', 'export function createHandlers() { return {}; }\n'));
    await expect(notArray({ runId: 'r' })).rejects.toThrow(/createHandlers\(\) must return an array of MSW request handlers/);
    const broken = loadMocks(mocksProject('index.ts', "import { http } from 'msw';\nexport function createHandlers() {\n  return [http.get('https://x.test/', () => {)];\n}\n"));
    await expect(broken).rejects.toThrow(/cannot load .*index\.ts: .*index\.ts:3:/s);
  });
});
