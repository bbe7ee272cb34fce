import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadMocks, type ToolWorld } from '../../src/mocks/index.ts';

/** A write as it reached the tool server. */
export interface WriteSeen {
  readonly runId: string;
  readonly idempotencyKey: string;
  readonly url: string;
  readonly status: number;
  readonly response: string;
  /** The request body as sent (raw: the tool is where raw values may go). */
  readonly request: string;
}

/**
 * The project's tool world behind a real local HTTP server, one world per run (by the run header),
 * outliving the tollgate processes that call it, so a crash test can count what reached the tools.
 * Requests arrive as `/<host>/<path>` (TOLLGATE_TOOLS_ORIGIN rewriting).
 */
export async function startToolServer(projectRoot: string): Promise<{ origin: string; writes: WriteSeen[]; close(): Promise<void> }> {
  const createWorld = await loadMocks(projectRoot);
  const worlds = new Map<string, Promise<ToolWorld>>();
  const writes: WriteSeen[] = [];
  const server: Server = createServer(async (req, res) => {
    const runId = String(req.headers['x-tollgate-run-id'] ?? '');
    let world = worlds.get(runId);
    if (!world) worlds.set(runId, (world = createWorld({ runId })));
    const [, host, ...rest] = (req.url ?? '/').split('/');
    const body = await readBody(req);
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
    const request = new Request(`https://${host}/${rest.join('/')}`, { method: req.method!, headers, ...(body.length && req.method !== "GET" ? { body: new Uint8Array(body) } : {}) });
    const response = await (await world).handle(request);
    const text = await response.text();
    const key = req.headers['idempotency-key'];
    if (typeof key === 'string') writes.push({ runId, idempotencyKey: key, url: request.url, status: response.status, response: text, request: body.toString('utf8') });
    res.writeHead(response.status, { 'content-type': response.headers.get('content-type') ?? 'application/json' });
    res.end(text);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    writes,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c)).on('end', () => resolve(Buffer.concat(chunks))).on('error', reject);
  });
}
