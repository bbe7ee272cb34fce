import path from 'node:path';
import type { JournalStorage } from '../core/index.ts';
import { createLogger } from '../logging/index.ts';
import { FOR_RUNS, readProject } from '../project/index.ts';
import { newId, systemClock, type Clock } from '../shared/index.ts';
import { defaultDatabasePath } from '../store/index.ts';
import { formatDiagnostic } from '../workflow/index.ts';
import { DefinitionsInvalidError } from './definitions.ts';
import type { IdSource, RunHostParts } from './run-host.ts';
import { openSqliteStore } from './sqlite-store.ts';
import { vaultKey } from './vault-key.ts';

export interface HostOptions {
  readonly dbPath?: string;
  /** Start a new database where an empty (0-byte) file is (`--init`); refused otherwise. */
  readonly init?: boolean;
  /** How long a database write waits for another process's lock (default 5 s). */
  readonly busyTimeoutMs?: number;
  readonly clock?: Clock;
  readonly ids?: IdSource;
  /** Where trace files go (default: traces/ in the project). */
  readonly tracesDir?: string;
  /** Write a trace file per run (default true). */
  readonly traces?: boolean;
  /** The vault's key (default: TOLLGATE_VAULT_KEY, else vault.key beside the database): an eval worker uses its parent's. */
  readonly vaultKey?: Buffer;
  /** Logs go to logs/ beside this database path (default: the host's own). */
  readonly logsBeside?: string;
  /** The journal as the host writes through it, given the store's own (the runtime counts rows; tests put faults in front). */
  readonly journal?: (store: JournalStorage) => JournalStorage;
}

/**
 * Everything of a run host but its world, from a project directory: its definitions (validated:
 * a host refuses to run on definitions with errors), its SQLite store, clock, IDs, log and traces.
 */
export function projectParts(root: string, o: HostOptions = {}): Omit<RunHostParts, 'world' | 'store'> & { store: ReturnType<typeof openSqliteStore>; dbPath: string } {
  const load = readProject(root, FOR_RUNS);
  if (load.diagnostics.length > 0) throw new DefinitionsInvalidError(load.diagnostics.map(formatDiagnostic));
  const d = load.definitions;
  const files = [d.project, d.gate, ...d.workflows, ...d.tools, ...d.policies].filter((f) => f !== undefined).map((f) => ({ path: f.source.file, text: f.source.text }));
  const snapshot = Object.fromEntries(files.sort((a, b) => a.path.localeCompare(b.path)).map((f) => [f.path, f.text]));
  const dbPath = o.dbPath ?? defaultDatabasePath(root);
  let key: Buffer | undefined;
  const store = openSqliteStore(dbPath, {
    vaultKey: () => (key = o.vaultKey ?? vaultKey(dbPath)), init: o.init === true, ...(o.busyTimeoutMs !== undefined ? { busyTimeoutMs: o.busyTimeoutMs } : {}), ...(o.journal ? { journal: o.journal } : {}),
  });
  return {
    root, dbPath, definitions: d, snapshot, store, vaultKey: key!, clock: o.clock ?? systemClock, ids: o.ids ?? newId, log: createLogger(o.logsBeside ?? dbPath),
    traces: { dir: o.tracesDir ?? path.join(root, 'traces'), write: o.traces !== false },
  };
}
