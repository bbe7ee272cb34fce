import { executeRun, JournalUnavailable, type RunDefinitions, type RunResult } from '../engine/index.ts';
import { defusePlaceholders, detect, judgeDecision, PiiVault, type QuorumVerdict, type VaultEntry } from '../policy/index.ts';
import { buildTrace, captureContent, SpanExport, traceIdFor, writeOtlpFile, writeOtlpFileAsync, type Recording } from '../trace/index.ts';
import { logJournalRow, type Logger } from '../logging/index.ts';
import { createHmac } from 'node:crypto';
import path from 'node:path';
import { digestOf, NotFoundError, RunStoppedError, TollgateError, UsageError, type Clock } from '../shared/index.ts';
import { asStorageError, JournalBuffer } from '../store/index.ts';
import type { ApprovalStorage, JournalRow, RunRecord, RunStorage } from '../core/index.ts';
import { triggerTypeOf, type Definitions, type GoldCase } from '../workflow/index.ts';
import type { AuditLog } from '../audit/index.ts';
import { DatabaseApprovalInbox } from './approval-inbox.ts';
import { auditJournalRow } from './audit-journal.ts';
import { runDefinitionsFor, snapshotDigest, type DefinitionSnapshot } from './definitions.ts';
import { DefinitionsByDigest } from './definitions-by-digest.ts';
import { ConcurrencyLimits } from './concurrency.ts';
import { vetEdit, type EditVerdict } from './vet-edit.ts';
import { revealApproval, type RevealVerdict } from './reveal.ts';
import type { RunTransports, RunWorld } from './run-world.ts';
import type { HostStore } from './store.ts';

export type Env = 'dev' | 'staging' | 'prod';

export interface StartOptions {
  readonly workflow: string;
  readonly event: Record<string, unknown>;
  readonly env?: Env;
  readonly model?: string;
  /** Scripted model replies (relative to the project root): the run needs no Ollama. */
  readonly script?: string;
  readonly faults?: GoldCase['faults'];
  readonly requestedBy?: string;
  /** Models for named routes only (see RunInput.routeModels). */
  readonly routeModels?: Record<string, string>;
  /** Called once the run's row exists, before it executes (the runtime maps event IDs to runs here). */
  readonly onCreated?: (runId: string) => void;
  /** Run under these definition files instead of the project's (mutation testing); validated first. */
  readonly snapshot?: DefinitionSnapshot;
}

/** A new identifier with a prefix (`run`, `cor`), made at a time. */
export type IdSource = (prefix: string, at: number) => string;

/**
 * What a run host is made of. The workbench composes one with its mocked world, the runtime with
 * live transports (`compose.ts` builds the parts both share from a project directory).
 */
export interface RunHostParts {
  /** The project directory (model scripts are read under it). */
  readonly root: string;
  readonly definitions: Definitions;
  /** The definition files as they were read, by path: what a run records and resumes under. */
  readonly snapshot: DefinitionSnapshot;
  readonly store: HostStore;
  readonly world: RunWorld;
  readonly clock: Clock;
  readonly ids: IdSource;
  readonly log: Logger;
  /** The key of the PII vault's encryption, also the key of pseudonymous IDs. */
  readonly vaultKey: Buffer;
  /** Where trace files go, and whether a run writes one (mutation testing runs thousands it never reads). */
  readonly traces: { readonly dir: string; readonly write: boolean };
}

/** Options that must survive a crash, so a resumed run sees the same world. */
interface StoredOptions {
  script?: string;
  faults?: GoldCase['faults'];
  model?: string;
  routeModels?: Record<string, string>;
  requestedBy: string;
}

/**
 * A run host: starts, resumes and decides runs of one project's definitions, over a store and a
 * world. The policy, approvals, limits, journal, audit and traces are the same whichever world.
 */
export class RunHost {
  readonly root: string;
  readonly definitions: Definitions;
  readonly snapshot: DefinitionSnapshot;
  readonly store: HostStore;
  readonly runs: RunStorage;
  readonly approvals: ApprovalStorage;
  readonly audit: AuditLog;
  readonly log: Logger;
  protected readonly world: RunWorld;
  /** The host's time (a run's waits may use a clock of its world's, see RunWorld.clockFor). */
  readonly clock: Clock;
  readonly #ids: IdSource;
  readonly #vaultKey: Buffer;
  readonly #traces: RunHostParts['traces'];
  readonly #limits: ConcurrencyLimits;
  readonly #endedJournals = new Map<string, JournalRow[]>();
  readonly #byDigest: DefinitionsByDigest;
  /** Spans on their way to an OTLP collector (undefined: not asked yet; null: none configured). */
  #spanExport: SpanExport | null | undefined;

  constructor(parts: RunHostParts) {
    this.root = parts.root;
    this.definitions = parts.definitions;
    this.snapshot = parts.snapshot;
    this.store = parts.store;
    this.runs = parts.store.runs;
    this.approvals = parts.store.approvals;
    this.audit = parts.store.audit;
    this.log = parts.log;
    this.world = parts.world;
    this.clock = parts.clock;
    this.#ids = parts.ids;
    this.#vaultKey = parts.vaultKey;
    this.#traces = parts.traces;
    this.#limits = new ConcurrencyLimits(parts.definitions);
    this.#byDigest = new DefinitionsByDigest(parts.definitions, parts.snapshot, (digest) => parts.store.runs.loadDefinitions(digest));
  }

  /** Writes a run's trace (a recording that replays on its own) to `file`. */
  exportTrace(runId: string, file = this.traceFile(runId)): { file: string; spans: number; events: number } {
    const spans = buildTrace(this.recordingOf(runId), this.definitions.project!.value.models.prices);
    writeOtlpFile(file, spans);
    return { file, spans: spans.length, events: this.journal(runId).length };
  }

  /** Starts a run and executes it until it ends or waits for people. */
  async start(opts: StartOptions): Promise<RunRecord> {
    // Production runs only what its verified bundle holds.
    if (opts.snapshot && !this.world.runsSnapshots) throw new UsageError('a live host runs its own definitions only');
    const snapshot = opts.snapshot ?? this.snapshot;
    const digest = opts.snapshot ? snapshotDigest(opts.snapshot) : this.#byDigest.own;
    runDefinitionsFor(this.#byDigest.of(digest, snapshot), opts.workflow, digest); // fail before anything is written
    if (this.world.ready) await this.world.ready({ workflow: opts.workflow, ...(opts.script ? { script: opts.script } : {}) });
    const now = this.clock.now();
    const runId = this.#ids('run', now);
    const correlationId = typeof opts.event.correlation_id === 'string' ? this.pseudonymousId(opts.event.correlation_id, 'cor') : this.#ids('cor', now);
    const wf = this.#byDigest.of(digest, snapshot).workflows.find((w) => w.value.id === opts.workflow)!.value;
    const vault = this.#vaultFor(runId);
    const event = vault.tokenize(defusePlaceholders(opts.event));
    const stored: StoredOptions = { requestedBy: opts.requestedBy ?? process.env.USER ?? 'workbench', ...(opts.script ? { script: opts.script } : {}), ...(opts.faults?.length ? { faults: opts.faults } : {}), ...(opts.model ? { model: opts.model } : {}), ...(opts.routeModels ? { routeModels: opts.routeModels } : {}) };
    this.runs.saveDefinitions(digest, snapshot, now);
    this.runs.insert({
      runId, correlationId, workflow: wf.id, version: wf.version, definitionsDigest: digest, env: opts.env ?? this.definitions.project!.value.environment,
      triggerType: triggerTypeOf(wf.trigger), status: 'running', event, options: stored as unknown as Record<string, unknown>, startedAt: now, ownerPid: process.pid,
    });
    opts.onCreated?.(runId);
    return this.#execute(runId);
  }

  /** Continues a run from its journal: finished effects are read back, never repeated. */
  async resume(runId: string): Promise<RunRecord> {
    const run = this.resolveRun(runId);
    if (!['running', 'waiting_approval'].includes(run.status)) return run;
    if (!this.runs.claim(run.runId, process.pid, isAlive)) throw new TollgateError('TG_RUN_OWNED', `run ${run.runId} is being executed by process ${run.ownerPid}`);
    return this.#execute(run.runId);
  }

  /**
   * Resumes runs whose process died (status running, owner gone), all at once: the workflows'
   * concurrency caps queue what is over them.
   */
  async resumeOrphans(): Promise<RunRecord[]> {
    const claimed = this.runs.orphans(isAlive).filter((run) => this.runs.claim(run.runId, process.pid, isAlive));
    return Promise.all(claimed.map((run) => this.#execute(run.runId)));
  }

  resolveRun(idOrPrefix: string): RunRecord {
    const found = this.runs.find(idOrPrefix);
    if (found.length === 0) throw new NotFoundError(`no run ${idOrPrefix}`);
    if (found.length > 1) throw new UsageError(`"${idOrPrefix}" matches several runs: ${found.map((r) => r.runId).join(', ')}`);
    return found[0]!;
  }

  /** Records an approver's decision under the quorum rules; resumes the run when it is settled. */
  async decide(approvalId: string, principal: string, decision: 'approve' | 'deny' | 'edit', extra: { comment?: string; editedArgs?: Record<string, unknown>; people?: Record<string, { roles: string[] }> } = {}): Promise<{ verdict: QuorumVerdict; run?: RunRecord }> {
    const found = this.approvals.find(approvalId);
    if (found.length !== 1) throw new NotFoundError(found.length === 0 ? `no approval ${approvalId}` : `"${approvalId}" matches several approvals`);
    let approval = found[0]!;
    if ((decision === 'edit') !== (extra.editedArgs !== undefined)) throw new UsageError(decision === 'edit' ? 'an edit needs the edited arguments' : `a ${decision} carries no arguments; edit to change them`);
    const people = extra.people ?? this.definitions.project!.value.people;
    let edit: Extract<EditVerdict, { ok: true }> | undefined;
    if (decision === 'edit' && approval.status === 'pending') {
      // Only someone who may decide at all gets an edit vetted (and an audit row for it).
      const may = judgeDecision(approval, { principal, decision }, people);
      if (!may.ok) return { verdict: may };
      const run = this.resolveRun(approval.runId);
      const vetted = vetEdit(this.#byDigest.forRun(run), run, approval, extra.editedArgs!, this.#vaultFor(run.runId));
      if (!vetted.ok) {
        this.audit.append({ ts: this.clock.now(), actor: principal, action: 'approval.edit_refused', runId: approval.runId, data: { approval_id: approval.approvalId, code: vetted.code, reason: vetted.reason } });
        return { verdict: { ok: false, code: vetted.code, reason: vetted.reason } };
      }
      edit = vetted;
      approval = { ...approval, requiredApprovals: vetted.quorum.approvers, role: vetted.quorum.role };
    }
    const verdict = judgeDecision(approval, { principal, decision }, people);
    if (!verdict.ok) return { verdict };
    const decidedAt = this.clock.now();
    const editedArgsDigest = edit ? digestOf(edit.args) : undefined;
    const raised = edit && (edit.quorum.approvers !== found[0]!.requiredApprovals || edit.quorum.role !== found[0]!.role) ? edit.quorum : undefined;
    this.store.transaction(() => {
      this.approvals.addDecision(approval.approvalId, { principal, decision, decidedAt, ...(extra.comment ? { comment: extra.comment } : {}), ...(edit ? { editedArgs: edit.args, editedArgsDigest } : {}) }, verdict.status, raised);
      this.audit.append({
        ts: decidedAt, actor: principal, action: `approval.${decision}`, runId: approval.runId,
        data: {
          approval_id: approval.approvalId, action_digest: approval.actionDigest, edited_args_digest: editedArgsDigest ?? null, status_after: verdict.status, comment: extra.comment ?? null,
          ...(edit ? { rechecked: { effect: edit.decision.effect, policy: edit.decision.policy, rule: edit.decision.ruleId }, quorum: edit.quorum } : {}),
        },
      });
    });
    if (verdict.status === 'pending') return { verdict };
    return { verdict, run: await this.resume(approval.runId) };
  }

  /**
   * An approval with the values its rule lets `principal`'s role see; each reveal is audited with
   * who, why and which placeholders (never the values). Nothing is stored in clear.
   */
  reveal(approvalId: string, principal: string, reason: string, people?: Record<string, { roles: string[] }>): RevealVerdict {
    const found = this.approvals.find(approvalId);
    if (found.length !== 1) throw new NotFoundError(found.length === 0 ? `no approval ${approvalId}` : `"${approvalId}" matches several approvals`);
    const approval = found[0]!;
    const run = this.resolveRun(approval.runId);
    const vault = this.#vaultFor(run.runId);
    const person = (people ?? this.definitions.project!.value.people)[principal];
    const verdict = revealApproval(this.#byDigest.forRun(run), approval, person, reason, vault, run.workflow);
    this.audit.append({
      ts: this.clock.now(), actor: principal, action: verdict.ok ? 'approval.reveal' : 'approval.reveal_refused', runId: approval.runId,
      data: { approval_id: approval.approvalId, reason: vault.tokenizeText(reason), ...(verdict.ok ? { classes: verdict.classes, placeholders: verdict.placeholders } : { code: verdict.code }) },
    });
    return verdict;
  }

  /**
   * An identifier from outside (a correlation or event ID) as it may be stored: unchanged, or, when
   * it carries PII (`cor-jane.doe@example.com`), a keyed digest of it, so the same value still
   * correlates across runs while the raw value never reaches the database, traces or logs.
   */
  pseudonymousId(raw: string, prefix: string): string {
    if (detect(raw).length === 0 && detect(raw.replace(/[-_:/.]+/g, ' ')).length === 0) return raw;
    return `${prefix}_p${createHmac('sha256', this.#vaultKey).update(raw).digest('hex').slice(0, 24)}`;
  }

  /** The run's PII vault: earlier entries decrypted from the database, new ones stored encrypted at once. */
  #vaultFor(runId: string): PiiVault {
    const entries = this.store.vault.list(runId) as VaultEntry[];
    return new PiiVault(entries, (entry) => this.store.vault.put(runId, entry));
  }

  /** Everything needed to replay a run, from the database (placeholder-space: no raw PII). */
  recordingOf(runId: string): Recording {
    const run = this.runs.get(runId);
    if (!run) throw new NotFoundError(`no run ${runId}`);
    return recordingFrom(run, this.journal(runId), this.runs.loadDefinitions(run.definitionsDigest));
  }

  /** The trace file of a run: `traces/<run-id>.json` under the project (or `tracesDir`). */
  traceFile(runId: string): string {
    return path.join(this.#traces.dir, `${runId}.json`);
  }

  /**
   * An ended run's journal never changes again: the last ones stay in memory, so scoring a gold
   * case and writing its trace do not read back from the database what this process just wrote.
   */
  #rememberJournal(runId: string, rows: JournalRow[]): void {
    this.#endedJournals.set(runId, rows);
    if (this.#endedJournals.size > ENDED_JOURNALS_KEPT) this.#endedJournals.delete(this.#endedJournals.keys().next().value!);
  }

  /** Writes the trace of a run as it is about to be stored; a trace that cannot be written is a warning (`tollgate trace export` writes it again). */
  async #writeTrace(run: RunRecord, journal: JournalRow[]): Promise<void> {
    const content = captureContent(process.env);
    const spans = buildTrace(recordingFrom(run, journal, this.runs.loadDefinitions(run.definitionsDigest)), this.definitions.project!.value.models.prices, { content });
    const written = writeOtlpFileAsync(this.traceFile(run.runId), spans).catch((error: unknown) => this.#warn(`trace of ${run.runId} not written: ${(error as Error).message}`));
    this.#spanExport ??= SpanExport.fromEnv(process.env, (message) => this.#warn(message)) ?? null;
    // The trace file carries the journal for replay; a collector gets it only with content capture on.
    this.#spanExport?.send(content ? spans : spans.map((s) => (s.events.length ? s.withoutEvents() : s)));
    await written;
  }

  /** A problem that does not stop the work (exporting spans): stderr and the log. */
  #warn(message: string): void {
    process.stderr.write(`tollgate: ${message}\n`);
    this.log.warn(message);
  }

  /** A run's journal rows, in order. */
  journal(runId: string): JournalRow[] {
    return this.#endedJournals.get(runId)?.slice() ?? this.store.journal.read(runId);
  }

  /** Lets go of the world and the store (`keepStore`: the store stays open, for a host built again over it). */
  async close(options: { keepStore?: boolean } = {}): Promise<void> {
    await this.#spanExport?.close();
    await this.world.close();
    if (!options.keepStore) this.store.close();
  }

  async #execute(runId: string): Promise<RunRecord> {
    const run = this.runs.get(runId)!;
    const stored = run.options as unknown as StoredOptions;
    const clock = this.world.clockFor(this.clock);
    const { defs, transports } = await this.#prepare(run, stored, clock);
    const writeTools = new Set([...defs.tools.values()].filter((t) => t.side_effect === 'write').map((t) => t.name));
    const pendingWrites = new Map<string, string>();
    const logIds = { runId, correlationId: run.correlationId, traceId: traceIdFor(runId), workflow: run.workflow };
    const inbox = new DatabaseApprovalInbox(this.approvals, () => this.clock.now());
    const journal = this.store.journal.read(runId);
    const written = [...journal]; // this run's rows as the engine appends them: read again by scorers and traces
    const buffer = new JournalBuffer((rows) => written.push(...this.#writeJournal(runId, rows, { writeTools, pendingWrites, logIds })));
    // Once the execution ends, rows the store refused are dropped for good (see JournalBuffer.close).
    const execute = () =>
      executeRun(
        defs,
        { runId, correlationId: run.correlationId, env: run.env as Env, event: run.event as Record<string, unknown>, startedAt: run.startedAt, requestedBy: stored.requestedBy, ...(stored.model ? { modelOverride: stored.model } : {}), ...(stored.routeModels ? { routeModels: stored.routeModels } : {}) },
        {
          model: transports.model,
          // What the world answers is outside text: a placeholder spelled in it is a forgery (a recording's replies are not).
          sendTool: async (call) => defusePlaceholders(await transports.tools(call)),
          approvals: inbox,
          clock,
          vault: this.#vaultFor(runId),
          throttleTool: (tool, fn) => this.#limits.tool(tool, fn),
        },
        journal,
        (row) => buffer.add(row),
        { makeDurable: () => buffer.flush() },
      ).finally(() => buffer.close());
    const result = await this.#executeOrStop(runId, () => this.#limits.run(defs.workflow, execute));
    const now = this.clock.now();
    const ended = result.status !== 'waiting_approval';
    const patch = { status: result.status, endState: result.endState, reason: result.reason, updatedAt: now, ...(ended ? { endedAt: now } : {}), ownerPid: null };
    const { tokensIn, tokensOut, costUsd, toolCalls } = result.totals;
    // The trace file is there before the run reads as ended or waiting; other runs go on while it is written.
    if (this.#traces.write) await this.#writeTrace({ ...run, ...patch, tokensIn, tokensOut, costUsd, toolCalls }, written);
    this.runs.update(runId, patch);
    this.runs.setUsage(runId, result.totals);
    if (ended) this.world.leave(runId);
    if (ended) this.#rememberJournal(runId, written);
    return this.runs.get(runId)!;
  }

  /**
   * Writes rows the engine made durable: journal rows and their audit rows in one transaction (a
   * crash leaves both or neither), then their log lines. Returns the rows as stored.
   */
  #writeJournal(runId: string, rows: readonly JournalRow[], run: { writeTools: ReadonlySet<string>; pendingWrites: Map<string, string>; logIds: Parameters<typeof logJournalRow>[1] }): JournalRow[] {
    const pendingBefore = new Map(run.pendingWrites);
    let stored: JournalRow[];
    try {
      stored = this.store.journal.appendAll(runId, rows, (row) => auditJournalRow(this.audit, runId, row, run.writeTools, run.pendingWrites));
    } catch (error) {
      // Rolled back: the writes seen in these rows are pending again for the next try.
      run.pendingWrites.clear();
      for (const [k, v] of pendingBefore) run.pendingWrites.set(k, v);
      throw error;
    }
    for (const row of rows) logJournalRow(this.log, run.logIds, row);
    this.store.commitIfDue();
    return stored;
  }

  /**
   * What a run needs before the engine starts: its definitions, its mocked world and script. A run
   * that cannot have them before it did anything ends failed with the reason, so no later command
   * executes it unawares.
   */
  async #prepare(run: RunRecord, stored: StoredOptions, clock: Clock): Promise<{ defs: RunDefinitions; transports: RunTransports }> {
    try {
      const defs = this.#byDigest.forRun(run);
      const setup = { runId: run.runId, journal: () => this.journal(run.runId), ...(stored.script ? { script: stored.script } : {}), ...(stored.faults ? { faults: stored.faults } : {}) };
      return { defs, transports: await this.world.enter(setup, clock) };
    } catch (error) {
      // Only a run that has done nothing yet ends here; one with a journal waits to be resumed.
      if (this.store.journal.read(run.runId).length === 0) {
        const now = this.clock.now();
        this.runs.update(run.runId, { status: 'failed', reason: `could not start: ${(error as Error).message.split('\n')[0]}`, endedAt: now, ownerPid: null, updatedAt: now });
      }
      throw error;
    }
  }

  /** Runs this workbench accepted that wait for a concurrency slot. */
  get queuedRuns(): number {
    return this.#limits.queued;
  }

  /** Runs left unfinished by a process that stopped (crashed, killed, or refused by its storage). */
  unfinished(): RunRecord[] {
    return this.runs.orphans(isAlive);
  }

  /**
   * Runs the engine; when the journal cannot be written, the run stops where it is: it stays
   * running, released for `resume` (or `serve`) to continue, never ended failed.
   */
  async #executeOrStop(runId: string, run: () => Promise<RunResult>): Promise<RunResult> {
    try {
      return await run();
    } catch (error) {
      if (!(error instanceof JournalUnavailable)) throw error;
      try {
        this.runs.update(runId, { ownerPid: null, updatedAt: this.clock.now() });
      } catch {
        // The store refuses everything: the owner's death releases the run instead.
      }
      const storage = asStorageError(error.cause);
      throw new RunStoppedError(
        runId,
        `run ${runId} stopped: ${storage?.message ?? error.message}. It stays running: tollgate resume ${runId} (or serve) continues it, and a call it repeats carries the same Idempotency-Key`,
        error,
      );
    }
  }

  /** Parses and validates definition files once (cached by digest); throws DefinitionsInvalidError. */
  definitionsOf(snapshot: DefinitionSnapshot): Definitions {
    return this.#byDigest.of(snapshotDigest(snapshot), snapshot);
  }

  /** The definitions a run executes under (today's, or the snapshot it started with). */
  runDefinitions(run: RunRecord): RunDefinitions {
    return this.#byDigest.forRun(run);
  }
}

/** How many ended runs' journals stay in memory (a gold run is scored and traced right after it ends). */
const ENDED_JOURNALS_KEPT = 64;

/** A run's recording from its row, journal and definition files (however they were read). */
export function recordingFrom(run: RunRecord, journal: JournalRow[], definitions: Record<string, string> | undefined): Recording {
  const stored = run.options as unknown as StoredOptions;
  return {
    run: {
      runId: run.runId, correlationId: run.correlationId, workflow: run.workflow, version: run.version, env: run.env, triggerType: run.triggerType,
      definitionsDigest: run.definitionsDigest, event: run.event, startedAt: run.startedAt, requestedBy: stored.requestedBy,
      ...(stored.model ? { modelOverride: stored.model } : {}), status: run.status, endState: run.endState, reason: run.reason,
      ...(definitions ? { definitions } : {}),
    },
    journal,
  };
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
