import { readFileSync } from 'node:fs';
import path from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { parseDuration, systemClock, TollgateError, UsageError } from '../shared/index.ts';
import { LiveWorld, projectParts, RunHost } from '../host/index.ts';
import { acceptBundle, AcceptedVersion } from './bundles.ts';
import { loadRuntimeConfig } from './config.ts';
import { createApp, track, type LoadedBundle, type RuntimeState } from './server.ts';
import { Scheduler } from './scheduler.ts';
import { RunCounters } from './metrics/index.ts';

export interface ServeOptions {
  readonly bundle: string;
  readonly trust: string;
  readonly config: string;
  readonly port: number;
  readonly host: string;
  readonly stateDir: string;
}

/**
 * The production runtime: verifies the bundle before using anything in it, loads its workflows
 * into the engine (prod, live tools and Ollama), resumes unfinished runs, and serves the HTTP API.
 */
export async function startRuntime(o: ServeOptions): Promise<{ server: ServerType; state: RuntimeState; port: number; stop: () => Promise<{ left: number }> }> {
  const trusted = read(o.trust, 'trusted key');
  const config = loadRuntimeConfig(o.config);
  const accepted = new AcceptedVersion(path.join(o.stateDir, 'accepted-version.json'));
  const dbPath = path.join(o.stateDir, 'runtime.db');
  const metrics = new RunCounters();
  const load = (bytes: Uint8Array): LoadedBundle => {
    const { root, statement } = acceptBundle(bytes, trusted, path.join(o.stateDir, 'bundles'), accepted);
    // The journal counts what it writes for /metrics (runs it resumes are looked up; model calls priced by the bundle).
    const parts = projectParts(root, {
      dbPath, tracesDir: path.join(o.stateDir, 'traces'),
      journal: (store) => metrics.journal(store, (runId) => host.runs.get(runId), () => host.definitions.project!.value.models.prices),
    });
    const host: RunHost = new RunHost({ ...parts, world: new LiveWorld(config.tools.hosts, process.env.OLLAMA_HOST ?? 'http://127.0.0.1:11434') });
    return { version: statement.predicate.version, statement, host };
  };
  const first = load(read(o.bundle, 'bundle'));
  const state: RuntimeState = {
    current: first,
    all: new Map([[first.version, first]]),
    inflight: new Set(),
    draining: false,
    counters: { events: 0, duplicates: 0, rejected: 0 },
    metrics,
    swap: async (bytes) => {
      const last = accepted.get() ?? 0;
      const next = load(bytes);
      if (next.version <= last && next.version === state.current.version) {
        await next.host.close();
        throw new TollgateError('TG_BUNDLE_ROLLBACK', `bundle refused (TG_BUNDLE_ROLLBACK): version ${next.version} is already serving`);
      }
      state.all.set(next.version, next);
      state.current = next;
      return next;
    },
  };
  // Runs left unfinished by an earlier process resume now, on the definitions they started with.
  const resuming = first.host.resumeOrphans().catch((error: unknown) => process.stderr.write(`tollgate: resume failed: ${(error as Error).message}\n`));
  state.inflight.add(resuming);
  void resuming.finally(() => state.inflight.delete(resuming));

  // Schedules fire from here on; occurrences missed while nothing served, as each workflow's catch_up says.
  const stopSchedules = new Scheduler({ current: () => state.current, clock: systemClock, started: (run) => track(state, run), firing: () => !state.draining }).run();
  const app = createApp(config, state);
  const { server, port } = await new Promise<{ server: ServerType; port: number }>((resolve) => {
    const s = serve({ fetch: app.fetch, port: o.port, hostname: o.host }, (info) => resolve({ server: s, port: info.port }));
  });
  // SIGTERM: no new events; in-flight steps get shutdown_grace to finish; what is still running then
  // stays running in the database, for the next start to resume (never ended failed).
  const grace = parseDuration(config.shutdown_grace) ?? 30_000;
  const stop = async (): Promise<{ left: number }> => {
    state.draining = true;
    stopSchedules();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    const settled = Promise.all([...state.inflight]).then(() => 'done' as const);
    const outcome = await Promise.race([settled, new Promise<'grace'>((resolve) => setTimeout(() => resolve('grace'), grace).unref())]);
    const left = outcome === 'done' ? 0 : state.inflight.size;
    if (left > 0) {
      if ('closeAllConnections' in server) server.closeAllConnections();
      process.stderr.write(`tollgate: ${left} execution(s) still in flight after the ${config.shutdown_grace} grace: left running for the next start to resume\n`);
      return { left };
    }
    await closed;
    for (const b of state.all.values()) await b.host.close();
    return { left };
  };
  return { server, state, port, stop };
}

function read(file: string, what: string): Buffer & string {
  try {
    return readFileSync(file) as Buffer & string;
  } catch {
    throw new UsageError(`cannot read ${what} ${file}`);
  }
}
