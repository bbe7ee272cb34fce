import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/shared/index.ts';
import { BIN, tollgate } from '../support/cli.ts';
import { copyExampleProject } from '../support/mini-project.ts';
import { startOllamaServer } from '../support/ollama-server.ts';
import { startToolServer } from '../support/tool-server.ts';

// Backpressure and a bounded shutdown, on the real runtime: one run slot (TOLLGATE_MAX_PARALLEL_RUNS=1),
// at most 2 runs waiting for it, a 1 s shutdown grace, and a model call that never returns.
let root: string;
let tools: Awaited<ReturnType<typeof startToolServer>>;
const servers: { close(): Promise<void> }[] = [];
const procs: ChildProcess[] = [];
const WRITER = 'tok-writer-9';

function startServe(ollamaHost: string): Promise<{ proc: ChildProcess; base: string; out: () => string; err: () => string }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [BIN, 'serve', '--bundle', 'dist/acme-support-v1.bundle.json', '--trust', 'keys/k.pub', '--port', '0', '--state', 'state'], {
      cwd: root, env: { ...process.env, OLLAMA_HOST: ollamaHost, TOLLGATE_LOG: 'off', TOLLGATE_MAX_PARALLEL_RUNS: '1' },
    });
    procs.push(proc);
    let out = '';
    let err = '';
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const line = /serving .* on (http:\/\/\S+)/.exec(out);
      if (line) resolve({ proc, base: line[1]!, out: () => out, err: () => err });
    });
    proc.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    proc.on('exit', (code) => reject(new Error(`serve exited ${code}: ${err}`)));
  });
}

const event = (base: string, id: string, text: string) =>
  fetch(`${base}/v1/events`, { method: 'POST', headers: { authorization: `Bearer ${WRITER}`, 'content-type': 'application/json' }, body: JSON.stringify({ type: 'ticket.created', id, ticket: { id, subject: 'Refund', text, customer_email: 'maria.lopez@example.com' } }) });

/** Resident memory of a process, from /proc (KiB). */
function rssKb(pid: number): number {
  return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]);
}

/** Streams `bytes` of body with no token; resolves with the status and how much got sent before the answer. */
function unauthenticatedUpload(url: string, bytes: number): Promise<{ status: number; sentBytes: number }> {
  return new Promise((resolve, reject) => {
    let sent = 0;
    let status = 0;
    const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(bytes) } }, (res) => {
      status = res.statusCode ?? 0;
      res.resume();
      res.on('end', () => resolve({ status, sentBytes: sent }));
    });
    req.on('error', (error) => (status ? resolve({ status, sentBytes: sent }) : reject(error)));
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const pump = () => {
      while (sent < bytes && !status) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      req.end();
    };
    pump();
  });
}

beforeAll(async () => {
  root = copyExampleProject();
  expect((await tollgate(['keys', 'generate', '--out', 'keys/k'], { cwd: root })).code).toBe(0);
  expect((await tollgate(['release', '--key', 'keys/k', '--out', 'dist'], { cwd: root, env: { CI: 'true' } })).code).toBe(0);
  tools = await startToolServer(root);
  const hosts = ['orders', 'kb', 'payments', 'mail', 'tickets', 'erp', 'runbooks', 'paging'].map((h) => `    ${h}.acme.test: ${tools.origin}/${h}.acme.test`).join('\n');
  writeFileSync(path.join(root, 'serve.yaml'), `tokens:\n  - { sha256: ${sha256Hex(WRITER)}, identity: intake, roles: [events, read] }\ntools:\n  hosts:\n${hosts}\nshutdown_grace: 1s\nmax_queued_runs: 2\n`);
}, 90_000);

afterAll(async () => {
  for (const p of procs) p.kill('SIGKILL');
  for (const s of servers) await s.close();
  await tools?.close();
});

describe('a bounded queue and a bounded shutdown', () => {
  it('answers 429 past max_queued_runs; SIGTERM with a hung model call exits after the grace; the next start finishes every run', async () => {
    const script = path.join(root, 'fixtures/models/refund-request/small-refund-auto.yaml');
    const hung = await startOllamaServer([{ marker: 'HANG-ME', hang: true }, { marker: 'O-1001', file: script }]);
    servers.push(hung);
    const first = await startServe(hung.host);
    // An unauthenticated upload is answered at once and never buffered: the server's memory stays put.
    const before = rssKb(first.proc.pid!);
    const upload = await unauthenticatedUpload(`${first.base}/v1/events`, 64 * 1024 * 1024);
    const grown = rssKb(first.proc.pid!) - before;
    console.log(`unauthenticated 64 MiB upload: HTTP ${upload.status} after ${Math.round(upload.sentBytes / 1024)} KiB sent; serve RSS grew ${grown} KiB`);
    expect(upload.status).toBe(401);
    expect(upload.sentBytes).toBeLessThan(64 * 1024 * 1024);
    expect(grown).toBeLessThan(16 * 1024);
    const r1 = await event(first.base, 'E-1', 'Keyboard O-1001 broken, refund please. HANG-ME');
    expect(r1.status).toBe(202);
    const accepted = [(await r1.json()) as { run_id: string }];
    for (const id of ['E-2', 'E-3']) {
      const r = await event(first.base, id, 'Keyboard O-1001 broken, refund please.');
      expect(r.status).toBe(202);
      accepted.push((await r.json()) as { run_id: string });
    }
    const refused = await event(first.base, 'E-4', 'Keyboard O-1001 broken, refund please.');
    expect([refused.status, refused.headers.get('retry-after')]).toEqual([429, '1']);
    expect(await refused.json()).toEqual({ error: '2 runs are waiting to start (max_queued_runs 2): retry later' });

    const exited = new Promise<number | null>((resolve) => first.proc.once('exit', (code) => resolve(code)));
    first.proc.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(first.out()).toContain('stopped; 3 run execution(s) left for the next start\n');
    expect(first.err()).toContain('tollgate: 3 execution(s) still in flight after the 1s grace: left running for the next start to resume\n');

    // The next start resumes all three: nothing was ended failed, the hung one included.
    const answering = await startOllamaServer([{ marker: 'O-1001', file: script }]);
    servers.push(answering);
    const second = await startServe(answering.host);
    const statuses = async () => Promise.all(accepted.map(async (a) => { const body = (await (await fetch(`${second.base}/v1/runs/${a.run_id}`, { headers: { authorization: `Bearer ${WRITER}` } })).json()) as { status?: string; error?: string }; return body.status ?? `no status: ${JSON.stringify(body)}`; }));
    let now = await statuses();
    for (let i = 0; i < 200 && now.some((s) => s === 'running'); i++) {
      await new Promise((r) => setTimeout(r, 50));
      now = await statuses();
    }
    expect(now[0]).toBe('completed');
    expect(now.every((s) => s !== 'running' && s !== 'failed')).toBe(true);
    const refundsOfFirst = tools.writes.filter((w) => w.runId === accepted[0]!.run_id && w.url.endsWith('/v1/refunds'));
    expect(refundsOfFirst).toHaveLength(1);
  }, 90_000);
});
