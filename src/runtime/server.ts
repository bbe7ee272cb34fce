import type { RunCounters } from './metrics/index.ts';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { jsonDepth, MAX_JSON_DEPTH } from './json-depth.ts';
import { z } from 'zod';
import type { Statement } from '../bundle/index.ts';
import type { RunRecord } from '../core/index.ts';
import { approvalView } from '../approvals/index.ts';
import type { RunHost } from '../host/index.ts';
import { RunStoppedError, TollgateError } from '../shared/index.ts';
import { asStorageError } from '../store/index.ts';
import { principalFor, type Principal, type RuntimeConfig, ROLES } from './config.ts';

const Event = z.object({ type: z.string().min(1), id: z.string().min(1).max(200) }).passthrough();
// Edited arguments come only with an approval: a deny never executes anything.
const Decision = z
  .object({ decision: z.enum(['approve', 'deny']), comment: z.string().max(2000).optional(), args: z.record(z.string(), z.unknown()).optional() })
  .strict()
  .refine((d) => d.decision === 'approve' || d.args === undefined, { message: '"args" (edited arguments) is accepted only with "decision": "approve"' });

/** One loaded bundle: its version and the engine over its definitions. */
export interface LoadedBundle {
  readonly version: number;
  readonly statement: Statement;
  readonly host: RunHost;
}

export interface RuntimeState {
  current: LoadedBundle;
  /** Every version still finishing runs, by version. */
  readonly all: Map<number, LoadedBundle>;
  readonly inflight: Set<Promise<unknown>>;
  draining: boolean;
  readonly counters: { events: number; duplicates: number; rejected: number };
  /** What runs journal in this process, counted as it is written (GET /metrics). */
  readonly metrics: RunCounters;
  /** Loads a newer bundle from its bytes (admin hot swap). */
  readonly swap: (bytes: Uint8Array) => Promise<LoadedBundle>;
}

type Role = (typeof ROLES)[number];

/** The production HTTP API (Hono): events in, runs, approvals, health, metrics, bundle hot swap. */
export function createApp(config: RuntimeConfig, state: RuntimeState): Hono<{ Variables: { principal: Principal } }> {
  const app = new Hono<{ Variables: { principal: Principal } }>();
  const limit = (maxSize: number) => bodyLimit({ maxSize, onError: (c) => c.json({ error: `request body over ${maxSize} bytes` }, 413) });
  // A storage failure (disk full, read-only, locked) is the operator's to fix: 503 with what to fix, never a stack.
  app.onError((error, c) => {
    const storage = asStorageError(error);
    if (storage) return c.json({ error: storage.message, code: storage.code }, 503);
    state.current.host.log.error({ err: error }, 'request failed');
    return c.json({ error: 'internal error' }, 500);
  });
  // Who is calling is settled before anything else, the body size included: a caller without a
  // valid token learns nothing and its upload is never read.
  app.use('/v1/*', async (c, next) => {
    if (principalFor(config, c.req.header('authorization'))) return next();
    c.header('Connection', 'close');
    return c.json({ error: 'missing or unknown bearer token' }, 401);
  });
  app.use('/v1/events', limit(config.body_limit_bytes));
  app.use('/v1/approvals/*', limit(config.body_limit_bytes));
  app.use('/v1/bundles', limit(config.bundle_limit_bytes));

  const need = (role: Role) => async (c: Context<{ Variables: { principal: Principal } }>, next: () => Promise<void>) => {
    const principal = principalFor(config, c.req.header('authorization'));
    // A refused request's body is never read: the connection closes after the answer, so a client
    // cannot send its next request into the rest of that body.
    if (!principal || (!principal.roles.includes(role) && !principal.roles.includes('admin'))) c.header('Connection', 'close');
    if (!principal) return c.json({ error: 'missing or unknown bearer token' }, 401);
    if (!principal.roles.includes(role) && !principal.roles.includes('admin')) return c.json({ error: `${principal.identity} lacks the ${role} role` }, 403);
    c.set('principal', principal);
    await next();
  };

  app.get('/healthz', (c) => {
    const expired = expiredAt(state);
    const ok = !state.draining && !expired;
    return c.json({ ok, bundle_version: state.current.version, draining: state.draining, expired: expired !== undefined, expires: state.current.statement.predicate.expires }, ok ? 200 : 503);
  });

  app.post('/v1/events', need('events'), async (c) => {
    if (state.draining) return c.json({ error: 'shutting down' }, 503);
    // An expired bundle starts nothing new (runs in flight finish, approvals are still decided).
    const expired = expiredAt(state);
    if (expired) return c.json({ error: `bundle version ${state.current.version} expired at ${expired}: deploy a newer one (POST /v1/bundles)` }, 503);
    // Backpressure: past the bound on accepted-but-not-started runs, a producer waits and retries.
    const queued = [...state.all.values()].reduce((n, b) => n + b.host.queuedRuns, 0);
    if (queued >= config.max_queued_runs) return c.json({ error: `${queued} runs are waiting to start (max_queued_runs ${config.max_queued_runs}): retry later` }, 429, { 'retry-after': '1' });
    const body = await readJson(c);
    if (body === undefined) return c.json({ error: `expected a JSON event nested at most ${MAX_JSON_DEPTH} levels deep` }, 400);
    const parsed = Event.safeParse(body);
    if (!parsed.success) return c.json({ error: `expected an event with "type" and "id": ${parsed.error.issues[0]!.path.join('.')} ${parsed.error.issues[0]!.message}` }, 400);
    const event = parsed.data;
    const host = state.current.host;
    const workflow = host.definitions.workflows.find((w) => 'event' in w.value.trigger && w.value.trigger.event === event.type)?.value;
    if (!workflow) return c.json({ error: `no workflow is triggered by event type "${event.type}"` }, 422);
    // Reserving the event ID and starting the run happen in one synchronous stretch: the same event
    // posted twice, even at once, starts one run. IDs are the producer's own: scoped by its identity
    // and the event type, so one producer cannot pre-claim another's.
    const producer = c.get('principal').identity;
    const eventKey = host.pseudonymousId(`${producer}|${event.type}|${event.id}`, 'evt');
    // A reservation whose run was never created (the process died in between) is taken over once stale.
    const reserved = host.store.events.reserve(eventKey, state.current.version, host.clock.now());
    // Another request (on another runtime sharing the store) holds the ID and is starting its run.
    if (!reserved.reserved && 'pending' in reserved) return c.json({ error: 'this event is being accepted by another request: retry' }, 409, { 'retry-after': '1' });
    if (!reserved.reserved) {
      state.counters.duplicates++;
      return c.json({ run_id: reserved.runId, duplicate: true }, 200);
    }
    let runId: string | undefined;
    let started: Promise<RunRecord>;
    try {
      started = host.start({ workflow: workflow.id, event, env: 'prod', requestedBy: producer, onCreated: (id) => {
        runId = id;
        host.store.events.bind(eventKey, id);
      } });
      // The run executes in the background; clients poll GET /v1/runs/:id.
      if (!runId) runId = (await started).runId;
    } catch (error) {
      // Refused before a run existed: the ID stays free for a corrected retry.
      if (!runId) host.store.events.release(eventKey);
      if (runId || !(error instanceof TollgateError || error instanceof RangeError)) throw error;
      return c.json({ error: `the event cannot be processed: ${(error as Error).message.split('\n')[0]}` }, 400);
    }
    state.counters.events++;
    track(state, started);
    return c.json({ run_id: runId, workflow: workflow.id, bundle_version: state.current.version }, 202);
  });

  app.get('/v1/runs/:id', need('read'), (c) => {
    const run = state.current.host.runs.get(c.req.param('id') ?? '');
    return run ? c.json(publicRun(run)) : c.json({ error: 'no such run' }, 404);
  });

  app.get('/v1/approvals', need('read'), (c) => {
    const host = state.current.host;
    // Outside data is fenced in the JSON too: every block of it says "trust": "untrusted".
    return c.json(host.approvals.list({ status: 'pending' }).map((a) => approvalView(a, host.runs.get(a.runId)?.workflow ?? null)));
  });

  app.post('/v1/approvals/:id', need('approver'), async (c) => {
    const parsed = Decision.safeParse(await readJson(c));
    if (!parsed.success) return c.json({ error: `expected {"decision": "approve"|"deny", "comment"?, "args"?}: ${parsed.error.issues[0]!.message}` }, 400);
    const principal = c.get('principal');
    const approval = state.current.host.approvals.get(c.req.param('id') ?? '');
    if (!approval) return c.json({ error: 'no such approval' }, 404);
    const people = Object.fromEntries(config.tokens.map((t) => [t.identity, { roles: t.approver_roles }]));
    const d = parsed.data;
    // The run resumes under the definitions it started with (loaded by digest), whichever bundle serves now.
    const decided = state.current.host.decide(approval.approvalId, principal.identity, d.args ? 'edit' : d.decision, { people, ...(d.comment ? { comment: d.comment } : {}), ...(d.args ? { editedArgs: d.args } : {}) });
    track(state, decided);
    const { verdict, run } = await decided;
    if (!verdict.ok) return c.json({ error: verdict.reason, code: verdict.code }, verdict.code.startsWith('TG_EDIT_') ? 422 : 403);
    return c.json({ status: verdict.status, remaining: verdict.remaining, ...(run ? { run: publicRun(run) } : {}) });
  });

  app.post('/v1/approvals/:id/reveal', need('approver'), async (c) => {
    const parsed = z.object({ reason: z.string().min(3).max(500) }).strict().safeParse(await readJson(c));
    if (!parsed.success) return c.json({ error: 'expected {"reason": "why you need the values"} (3 to 500 characters)' }, 400);
    const host = state.current.host;
    const approval = host.approvals.get(c.req.param('id') ?? '');
    if (!approval) return c.json({ error: 'no such approval' }, 404);
    const people = Object.fromEntries(config.tokens.map((t) => [t.identity, { roles: t.approver_roles }]));
    const verdict = host.reveal(approval.approvalId, c.get('principal').identity, parsed.data.reason, people);
    if (!verdict.ok) return c.json({ error: verdict.reason, code: verdict.code }, 403);
    return c.json({ ...verdict.view, revealed: verdict.placeholders }, 200, { 'cache-control': 'no-store' });
  });

  app.post('/v1/bundles', need('admin'), async (c) => {
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    try {
      const loaded = await state.swap(bytes);
      return c.json({ bundle_version: loaded.version }, 200);
    } catch (error) {
      state.counters.rejected++;
      return c.json({ error: (error as Error).message, code: (error as { code?: string }).code }, 422);
    }
  });

  app.get('/metrics', need('read'), async (c) => {
    const runsByStatus = Object.entries(state.current.host.runs.countByStatus()).map(([status, n]) => ({ status, n: n! }));
    const counters = { ...state.counters, bundleVersion: state.current.version, inflight: state.inflight.size, runsByStatus };
    const { text, contentType } = await state.metrics.text(counters);
    return c.text(text, 200, { 'content-type': contentType });
  });

  return app;
}

/** When the serving bundle expired, if it has. */
function expiredAt(state: RuntimeState): string | undefined {
  const expires = state.current.statement.predicate.expires;
  return Date.parse(expires) <= Date.now() ? expires : undefined;
}

/** Keeps a run's execution in flight (shutdown waits for it); a run its journal stopped is tried again. */
export function track(state: RuntimeState, p: Promise<unknown>, attempt = 1): void {
  const guarded = p.catch((error: unknown) => {
    // The journal could not be written: the run stopped where it was; try it again, later and later.
    if (!(error instanceof RunStoppedError) || state.draining) return;
    const delay = Math.min(RESUME_MAX_MS, RESUME_FIRST_MS * 2 ** (attempt - 1));
    state.current.host.log.warn({ run_id: error.runId, retry_in_ms: delay }, error.message);
    setTimeout(() => {
      if (!state.draining) track(state, state.current.host.resume(error.runId), attempt + 1);
    }, delay).unref();
  });
  state.inflight.add(guarded);
  void guarded.finally(() => state.inflight.delete(guarded));
}

/** A run stopped by an unwritable journal is tried again after 1 s, 2 s, 4 s… up to every 30 s. */
const RESUME_FIRST_MS = 1_000;
const RESUME_MAX_MS = 30_000;

/** The body as JSON: undefined when it is not JSON, or nests deeper than any request needs (checked before parsing). */
async function readJson(c: Context): Promise<unknown> {
  try {
    const text = await c.req.text();
    if (jsonDepth(text) > MAX_JSON_DEPTH) return undefined;
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function publicRun(run: RunRecord) {
  return {
    run_id: run.runId, correlation_id: run.correlationId, workflow: run.workflow, version: run.version, status: run.status, end: run.endState, reason: run.reason,
    started_at: new Date(run.startedAt).toISOString(), ended_at: run.endedAt ? new Date(run.endedAt).toISOString() : null,
    tokens: run.tokensIn + run.tokensOut, cost_usd: run.costUsd, tool_calls: run.toolCalls,
  };
}
