import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditLog } from '../../src/audit/index.ts';
import { sha256Hex } from '../../src/shared/index.ts';
import { openDatabase } from '../../src/store/index.ts';
import { BIN, tollgate } from '../support/cli.ts';
import { copyExampleProject } from '../support/mini-project.ts';
import { startOllamaServer } from '../support/ollama-server.ts';
import { startToolServer } from '../support/tool-server.ts';

let root: string;
let serveProc: ChildProcess;
let base: string;
let tools: Awaited<ReturnType<typeof startToolServer>>;
let ollama: Awaited<ReturnType<typeof startOllamaServer>>;
const TOKENS = { writer: 'tok-writer-1', reader: 'tok-reader-1', bob: 'tok-bob-1', alice: 'tok-alice-1', admin: 'tok-admin-1' };

function startServe(args: string[]): Promise<{ proc: ChildProcess; line: string }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [BIN, 'serve', ...args], { cwd: root, env: { ...process.env, OLLAMA_HOST: ollama.host, TOLLGATE_LOG: 'off' } });
    let out = '';
    let err = '';
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const line = /serving .* on (http:\/\/\S+)/.exec(out);
      if (line) resolve({ proc, line: line[1]! });
    });
    proc.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    proc.on('exit', (code) => reject(Object.assign(new Error(`serve exited ${code}: ${err}`), { code, stderr: err })));
  });
}

const call = (method: string, url: string, token?: string, body?: unknown) =>
  fetch(`${base}${url}`, { method, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'content-type': 'application/json' }, ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}) });

async function until<T>(fn: () => Promise<T | undefined>, what: string): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const v = await fn();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

beforeAll(async () => {
  root = copyExampleProject();
  expect((await tollgate(['keys', 'generate', '--out', 'keys/k'], { cwd: root })).code).toBe(0);
  expect((await tollgate(['release', '--key', 'keys/k', '--out', 'dist'], { cwd: root, env: { CI: 'true' } })).code).toBe(0);
  tools = await startToolServer(root);
  ollama = await startOllamaServer([
    { marker: 'O-1003', file: path.join(root, 'fixtures/models/refund-request/refund-needs-lead-approval.yaml') },
    { marker: 'O-1001', file: path.join(root, 'fixtures/models/refund-request/small-refund-auto.yaml') },
  ]);
  const hosts = ['orders', 'kb', 'payments', 'mail', 'tickets', 'erp', 'runbooks', 'paging'].map((h) => `    ${h}.acme.test: ${tools.origin}/${h}.acme.test`).join('\n');
  writeFileSync(path.join(root, 'serve.yaml'), `tokens:
  - { sha256: ${sha256Hex(TOKENS.writer)}, identity: intake, roles: [events, read] }
  - { sha256: ${sha256Hex(TOKENS.reader)}, identity: dashboard, roles: [read] }
  - { sha256: ${sha256Hex(TOKENS.bob)}, identity: bob, roles: [approver, read], approver_roles: [support-lead] }
  - { sha256: ${sha256Hex(TOKENS.alice)}, identity: alice, roles: [approver, read], approver_roles: [support-agent] }
  - { sha256: ${sha256Hex(TOKENS.admin)}, identity: ops, roles: [admin] }
tools:
  hosts:
${hosts}
body_limit_bytes: 4096
`);
  const started = await startServe(['--bundle', 'dist/acme-support-v1.bundle.json', '--trust', 'keys/k.pub', '--port', '0', '--state', 'state']);
  serveProc = started.proc;
  base = started.line;
}, 90_000);

afterAll(async () => {
  serveProc?.kill('SIGTERM');
  await tools?.close();
  await ollama?.close();
});

const ticket = (id: string, order: string, email: string) => ({ type: 'ticket.created', id, ticket: { id, subject: 'Refund', text: `Order ${order} arrived broken, refund please.`, customer_email: email } });

describe('tollgate serve (a real process on loopback, live tools and Ollama as local servers)', () => {
  it('answers health without a token, and refuses missing, unknown and under-privileged tokens', async () => {
    expect((await call('GET', '/healthz')).status).toBe(200);
    expect((await call('POST', '/v1/events', undefined, ticket('E-1', 'O-1001', 'maria.lopez@example.com'))).status).toBe(401);
    expect((await call('POST', '/v1/events', 'not-a-token', ticket('E-1', 'O-1001', 'maria.lopez@example.com'))).status).toBe(401);
    expect((await call('POST', '/v1/events', TOKENS.reader, ticket('E-1', 'O-1001', 'maria.lopez@example.com'))).status).toBe(403);
    expect((await call('GET', '/metrics')).status).toBe(401);
  });

  it('refuses an oversized body (413) and a malformed one (400)', async () => {
    expect((await call('POST', '/v1/events', TOKENS.writer, { type: 'ticket.created', id: 'E-big', pad: 'x'.repeat(5000) })).status).toBe(413);
    expect((await call('POST', '/v1/events', TOKENS.writer, '{ not json')).status).toBe(400);
    expect((await call('POST', '/v1/events', TOKENS.writer, { type: 'ticket.created' })).status).toBe(400);
  });

  it('runs an event to its end in prod against the live tools; the same event posted twice starts one run', async () => {
    const [a, b] = await Promise.all([
      call('POST', '/v1/events', TOKENS.writer, ticket('E-100', 'O-1001', 'maria.lopez@example.com')),
      call('POST', '/v1/events', TOKENS.writer, ticket('E-100', 'O-1001', 'maria.lopez@example.com')),
    ]);
    const [ja, jb] = [await a.json(), await b.json()] as { run_id: string; duplicate?: boolean }[];
    expect([a.status, b.status].sort()).toEqual([200, 202]);
    expect(ja!.run_id).toBe(jb!.run_id);
    const run = await until(async () => {
      const r = (await (await call('GET', `/v1/runs/${ja!.run_id}`, TOKENS.reader)).json()) as { status: string; end: string };
      return r.status === 'running' ? undefined : r;
    }, 'the run to end');
    expect(run).toMatchObject({ status: 'completed', end: 'resolved' });
    const refunds = tools.writes.filter((w) => w.runId === ja!.run_id && w.url.endsWith('/v1/refunds'));
    expect(refunds).toHaveLength(1);
    expect(readdirSync(path.join(root, 'state', 'traces'))).toContain(`${ja!.run_id}.json`);
  }, 30_000);

  it('loses no event: refused input leaves its ID free, a reservation a crash left behind is taken over (a fresh one is waited for), IDs are the producer\'s own', async () => {
    const good = (id: string) => ticket(id, 'O-1001', 'maria.lopez@example.com');
    const refused = await call('POST', '/v1/events', TOKENS.writer, { ...good('E-450'), extra: JSON.parse(`${'['.repeat(100)}${']'.repeat(100)}`) });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: string }).error).toBe('expected a JSON event nested at most 64 levels deep');
    const retried = await call('POST', '/v1/events', TOKENS.writer, good('E-450'));
    expect(retried.status).toBe(202);
    const first = ((await retried.json()) as { run_id: string }).run_id;
    // The process died between reserving E-451 and creating its run: the retry gets a run, not "duplicate" of nothing.
    const db = openDatabase(path.join(root, 'state', 'runtime.db'));
    db.prepare("INSERT INTO runtime_events (event_id, run_id, bundle_version) VALUES ('intake|ticket.created|E-451', '', 1)").run();
    // A reservation made a moment ago is another request's (another runtime's) still starting its run: retry, not a second run.
    db.prepare("INSERT INTO runtime_events (event_id, run_id, bundle_version, reserved_at) VALUES ('intake|ticket.created|E-452', '', 1, ?)").run(Date.now());
    db.close();
    const busy = await call('POST', '/v1/events', TOKENS.writer, good('E-452'));
    expect([busy.status, busy.headers.get('retry-after'), await busy.json()]).toEqual([409, '1', { error: 'this event is being accepted by another request: retry' }]);
    const recovered = await call('POST', '/v1/events', TOKENS.writer, good('E-451'));
    expect(recovered.status).toBe(202);
    const recoveredId = ((await recovered.json()) as { run_id: string }).run_id;
    expect(recoveredId).toMatch(/^run_/);
    // Another producer posting the same ID starts its own run; the first producer's retry is a duplicate.
    const other = await call('POST', '/v1/events', TOKENS.admin, good('E-450'));
    expect(other.status).toBe(202);
    const otherId = ((await other.json()) as { run_id: string }).run_id;
    expect(otherId).not.toBe(first);
    const again = await call('POST', '/v1/events', TOKENS.writer, good('E-450'));
    expect(await again.json()).toEqual({ run_id: first, duplicate: true });
    // Let the three runs finish, so the metrics below count them.
    for (const runId of [first, recoveredId, otherId]) await until(async () => ((await (await call('GET', `/v1/runs/${runId}`, TOKENS.reader)).json()) as { status: string }).status === 'completed' || undefined, 'the run to end');
  }, 30_000);

  it('approvals through the API: the wrong role is refused; a support lead approves and the run finishes', async () => {
    const posted = (await (await call('POST', '/v1/events', TOKENS.writer, ticket('E-200', 'O-1003', 'li.wei@example.com'))).json()) as { run_id: string };
    const approval = await until(async () => {
      const list = ((await (await call('GET', '/v1/approvals', TOKENS.reader)).json()) as { approval_id: string; run_id: string }[]).map((a) => ({ approvalId: a.approval_id, runId: a.run_id }));
      return list.find((a) => a.runId === posted.run_id);
    }, 'an approval');
    const wrong = await call('POST', `/v1/approvals/${approval.approvalId}`, TOKENS.alice, { decision: 'approve' });
    expect(wrong.status).toBe(403);
    expect(((await wrong.json()) as { code: string }).code).toBe('TG_APPROVER_ROLE');
    expect((await call('POST', `/v1/approvals/${approval.approvalId}`, TOKENS.writer, { decision: 'approve' })).status).toBe(403);
    // A deny never executes anything: arguments come only with an approval.
    const denyWithArgs = await call('POST', `/v1/approvals/${approval.approvalId}`, TOKENS.bob, { decision: 'deny', args: { order_id: 'O-1003', amount: 1 } });
    expect([denyWithArgs.status, ((await denyWithArgs.json()) as { error: string }).error]).toEqual([400, expect.stringContaining('accepted only with "decision": "approve"')]);
    // Edits are vetted as in the CLI: the schema, the record the action is about, the whole policy.
    const offSchema = await call('POST', `/v1/approvals/${approval.approvalId}`, TOKENS.bob, { decision: 'approve', args: { order_id: 'O-1003', amount: 'lots' } });
    expect([offSchema.status, ((await offSchema.json()) as { code: string }).code]).toEqual([422, 'TG_EDIT_SCHEMA']);
    const otherOrder = await call('POST', `/v1/approvals/${approval.approvalId}`, TOKENS.bob, { decision: 'approve', args: { order_id: 'O-1005', amount: 80 } });
    expect([otherOrder.status, ((await otherOrder.json()) as { code: string }).code]).toEqual([422, 'TG_EDIT_RECORD']);
    const pastCap = await call('POST', `/v1/approvals/${approval.approvalId}`, TOKENS.bob, { decision: 'approve', args: { order_id: 'O-1003', amount: 5000 } });
    expect([pastCap.status, ((await pastCap.json()) as { code: string }).code]).toEqual([422, 'TG_EDIT_BLOCKED']);
    const fenced = ((await (await call('GET', '/v1/approvals', TOKENS.reader)).json()) as { approval_id: string; untrusted: { trust: string; source: string }[] }[]).find((a) => a.approval_id === approval.approvalId)!;
    expect(fenced.untrusted.map((b) => [b.trust, b.source])).toContainEqual(['untrusted', 'event']);
    const reveal = await call('POST', `/v1/approvals/${approval.approvalId}/reveal`, TOKENS.bob, { reason: 'check the address' });
    expect([reveal.status, ((await reveal.json()) as { code: string }).code]).toEqual([403, 'TG_REVEAL_NOT_ALLOWED']);
    const ok = await call('POST', `/v1/approvals/${approval.approvalId}`, TOKENS.bob, { decision: 'approve', comment: 'checked the order' });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ status: 'approved', run: { status: 'completed', end: 'resolved' } });
  }, 30_000);

  it('serves Prometheus metrics, and the audit chain of everything above verifies', async () => {
    const text = await (await call('GET', '/metrics', TOKENS.reader)).text();
    expect(text).toMatch(/^tollgate_events_total 5$/m);
    expect(text).toMatch(/^tollgate_duplicate_events_total 2$/m);
    expect(text).toMatch(/^tollgate_runs\{status="completed"\} 5$/m);
    const db = openDatabase(path.join(root, 'state', 'runtime.db'));
    const audit = new AuditLog(db);
    expect(audit.verify().ok).toBe(true);
    expect(audit.rows().map((r) => r.action)).toContain('approval.approve');
    db.close();
  });

  it('refuses to start on a tampered bundle, with the reason', async () => {
    const file = path.join(root, 'dist', 'acme-support-v1.bundle.json');
    const bundle = JSON.parse(readFileSync(file, 'utf8'));
    bundle.files['tollgate.yaml'] = Buffer.from('name: evil\nmodels: { default: x }\n').toString('base64');
    writeFileSync(path.join(root, 'dist', 'evil.json'), JSON.stringify(bundle));
    await expect(startServe(['--bundle', 'dist/evil.json', '--trust', 'keys/k.pub', '--port', '0', '--state', 'state-evil'])).rejects.toMatchObject({
      code: 1, stderr: 'tollgate: bundle refused (TG_BUNDLE_TAMPERED): tollgate.yaml does not match its signed digest\n',
    });
  });

  it('hot-swaps to a newer verified bundle (admin only); a waiting run finishes on the version it started; older bundles are refused', async () => {
    const waiting = (await (await call('POST', '/v1/events', TOKENS.writer, ticket('E-300', 'O-1003', 'li.wei@example.com'))).json()) as { run_id: string; bundle_version: number };
    expect(waiting.bundle_version).toBe(1);
    const approval = await until(async () => (((await (await call('GET', '/v1/approvals', TOKENS.reader)).json()) as { approval_id: string; run_id: string }[]).map((a) => ({ approvalId: a.approval_id, runId: a.run_id }))).find((a) => a.runId === waiting.run_id), 'an approval');
    // Version 2 changes the refund email's subject line.
    const wf = path.join(root, 'workflows', 'refund-request.yaml');
    writeFileSync(wf, readFileSync(wf, 'utf8').replace('"Your refund for order "', '"Refund issued for order "'));
    expect((await tollgate(['release', '--key', 'keys/k', '--out', 'dist'], { cwd: root, env: { CI: 'true' } })).code).toBe(0);
    const v2 = readFileSync(path.join(root, 'dist', 'acme-support-v2.bundle.json'));
    const post = (token: string, bytes: Buffer) => fetch(`${base}/v1/bundles`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: new Uint8Array(bytes) });
    expect((await post(TOKENS.writer, v2)).status).toBe(403);
    const swapped = await post(TOKENS.admin, v2);
    expect(swapped.status).toBe(200);
    expect(await swapped.json()).toEqual({ bundle_version: 2 });
    const v1 = readFileSync(path.join(root, 'dist', 'acme-support-v1.bundle.json'));
    const rollback = await post(TOKENS.admin, v1);
    expect(rollback.status).toBe(422);
    expect(((await rollback.json()) as { code: string }).code).toBe('TG_BUNDLE_ROLLBACK');

    await call('POST', `/v1/approvals/${approval.approvalId}`, TOKENS.bob, { decision: 'approve' });
    const emailOf = (runId: string) => tools.writes.find((w) => w.runId === runId && w.url.endsWith('/v1/messages'));
    const old = await until(async () => emailOf(waiting.run_id), 'the v1 run to send its email');
    const fresh = (await (await call('POST', '/v1/events', TOKENS.writer, ticket('E-301', 'O-1001', 'maria.lopez@example.com'))).json()) as { run_id: string; bundle_version: number };
    expect(fresh.bundle_version).toBe(2);
    const next = await until(async () => emailOf(fresh.run_id), 'the v2 run to send its email');
    expect(JSON.parse(old.request).subject).toBe('Your refund for order O-1003');
    expect(JSON.parse(next.request).subject).toBe('Refund issued for order O-1001');
  }, 60_000);

  it('SIGTERM drains and exits; a restart on the same state refuses an older bundle, serves the newest and finishes a waiting run', async () => {
    const waiting = (await (await call('POST', '/v1/events', TOKENS.writer, ticket('E-400', 'O-1003', 'li.wei@example.com'))).json()) as { run_id: string };
    const approval = await until(async () => (((await (await call('GET', '/v1/approvals', TOKENS.reader)).json()) as { approval_id: string; run_id: string }[]).map((a) => ({ approvalId: a.approval_id, runId: a.run_id }))).find((a) => a.runId === waiting.run_id), 'an approval');
    const exited = new Promise<number | null>((resolve) => serveProc.once('exit', (code) => resolve(code)));
    serveProc.kill('SIGTERM');
    expect(await exited).toBe(0);
    await expect(startServe(['--bundle', 'dist/acme-support-v1.bundle.json', '--trust', 'keys/k.pub', '--port', '0', '--state', 'state'])).rejects.toMatchObject({
      code: 1, stderr: 'tollgate: bundle refused (TG_BUNDLE_ROLLBACK): version 1 is older than the accepted version 2\n',
    });
    const again = await startServe(['--bundle', 'dist/acme-support-v2.bundle.json', '--trust', 'keys/k.pub', '--port', '0', '--state', 'state']);
    serveProc = again.proc;
    base = again.line;
    expect(await (await call('GET', '/healthz')).json()).toMatchObject({ ok: true, bundle_version: 2 });
    const approved = await call('POST', `/v1/approvals/${approval.approvalId}`, TOKENS.bob, { decision: 'approve' });
    expect(await approved.json()).toMatchObject({ status: 'approved', run: { run_id: waiting.run_id, status: 'completed', end: 'resolved' } });
  }, 30_000);
});
