import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { costOf, observedJournal, type JournalRow, type JournalStorage, type ModelPrices, type RunRecord } from '../../core/index.ts';
import { outcomeOf } from '../../stats/index.ts';

/** Seconds from a tenth of a second to a day: agent runs that wait for people take hours. */
const DURATION_BUCKETS = [0.1, 0.5, 1, 2, 5, 10, 30, 60, 300, 900, 3600, 14_400, 86_400];

export interface ProcessCounters {
  readonly events: number;
  readonly duplicates: number;
  readonly rejected: number;
  readonly bundleVersion: number;
  readonly inflight: number;
  /** Runs in the database by status now (a gauge; one indexed count per status). */
  readonly runsByStatus: readonly { status: string; n: number }[];
}

/** What the counters need to know of a run this process did not start (it resumes it). */
export type RunLookup = (runId: string) => Pick<RunRecord, 'workflow' | 'startedAt'> | undefined;

interface OpenRun {
  readonly workflow: string;
  readonly startedAt: number;
  /** Tool name by call key, from `tool.started` (its `tool.done` row names no tool). */
  readonly tools: Map<string, string>;
  asked: boolean;
}

/**
 * The runtime's operating figures as Prometheus counters of this process, counted as journal rows
 * are written (the storage port lets the runtime put this counter in front of its journal), so a
 * scrape costs nothing however large the database: it held 4.5 million rows and took 3 s to
 * aggregate. Per-process counters start at zero with each process, as Prometheus expects.
 */
export class RunCounters {
  readonly #registry = new Registry();
  readonly #open = new Map<string, OpenRun>();
  readonly #counter = (name: string, help: string, labelNames: string[]) => new Counter({ name, help, labelNames, registers: [this.#registry] });
  readonly #started = this.#counter('tollgate_runs_started_total', 'Runs started.', ['workflow']);
  readonly #ended = this.#counter('tollgate_runs_ended_total', 'Runs ended, by outcome (succeeded, escalated, denied, failed, timed_out, budget_exceeded, compensated).', ['workflow', 'outcome']);
  readonly #duration = new Histogram({ name: 'tollgate_run_duration_seconds', help: 'Time from start to end of ended runs (time to complete).', labelNames: ['workflow'], buckets: DURATION_BUCKETS, registers: [this.#registry] });
  readonly #calls = this.#counter('tollgate_tool_calls_total', 'Tool call attempts (retries included).', ['workflow', 'tool']);
  readonly #retries = this.#counter('tollgate_tool_retries_total', 'Tool call attempts after the first.', ['workflow', 'tool']);
  readonly #errors = this.#counter('tollgate_tool_errors_total', 'Tool call attempts that failed.', ['workflow', 'tool']);
  readonly #timeouts = this.#counter('tollgate_tool_timeouts_total', 'Tool call attempts that timed out.', ['workflow', 'tool']);
  readonly #blocks = this.#counter('tollgate_policy_blocks_total', 'Tool calls the policy denied, by rule.', ['workflow', 'rule']);
  readonly #needing = this.#counter('tollgate_runs_needing_approval_total', 'Runs that asked people for at least one approval.', ['workflow']);
  readonly #requested = this.#counter('tollgate_approvals_requested_total', 'Approvals asked for.', ['workflow']);
  readonly #tokens = this.#counter('tollgate_tokens_total', 'Model tokens used, by type (input, output).', ['workflow', 'type']);
  readonly #cost = this.#counter('tollgate_cost_usd_total', 'Model cost in USD.', ['workflow']);
  readonly #process = {
    events: this.#counter('tollgate_events_total', 'Events accepted by POST /v1/events.', []),
    duplicates: this.#counter('tollgate_duplicate_events_total', 'Events answered from an earlier run (same event ID).', []),
    rejected: this.#counter('tollgate_bundles_rejected_total', 'Bundles refused by verification.', []),
    bundleVersion: new Gauge({ name: 'tollgate_bundle_version', help: 'The bundle version serving new events.', registers: [this.#registry] }),
    inflight: new Gauge({ name: 'tollgate_inflight', help: 'Executions in flight.', registers: [this.#registry] }),
    runs: new Gauge({ name: 'tollgate_runs', help: 'Runs by status.', labelNames: ['status'], registers: [this.#registry] }),
  };

  /** A journal that counts what is appended through it (`lookup` names runs this process resumes; `prices` price model calls). */
  journal(store: JournalStorage, lookup: RunLookup, prices: () => ModelPrices): JournalStorage {
    return observedJournal(store, { after: (runId, row) => this.#observe(runId, row, lookup, prices) });
  }

  /** The exposition text, with the process's own figures as they are now. */
  async text(p: ProcessCounters): Promise<{ text: string; contentType: string }> {
    for (const key of ['events', 'duplicates', 'rejected'] as const) {
      this.#process[key].reset();
      this.#process[key].inc(p[key]);
    }
    this.#process.bundleVersion.set(p.bundleVersion);
    this.#process.inflight.set(p.inflight);
    this.#process.runs.reset();
    for (const r of p.runsByStatus) this.#process.runs.set({ status: r.status }, r.n);
    return { text: await this.#registry.metrics(), contentType: this.#registry.contentType };
  }

  #observe(runId: string, row: JournalRow, lookup: RunLookup, prices: () => ModelPrices): void {
    const d = row.data as Record<string, any>;
    if (row.kind === 'run.started') {
      this.#open.set(runId, { workflow: d.workflow, startedAt: row.ts, tools: new Map(), asked: false });
      this.#started.inc({ workflow: d.workflow });
      return;
    }
    const run = this.#open.get(runId) ?? this.#reopen(runId, lookup);
    if (!run) return;
    const workflow = run.workflow;
    switch (row.kind) {
      case 'tool.started': {
        const tool = String(d.input?.tool ?? '');
        run.tools.set(row.stepKey, tool);
        this.#calls.inc({ workflow, tool });
        if (row.attempt > 1) this.#retries.inc({ workflow, tool });
        break;
      }
      case 'tool.done':
        if (d.error) {
          const tool = run.tools.get(row.stepKey) ?? '';
          this.#errors.inc({ workflow, tool });
          if (d.error.code === 'TG_TOOL_TIMEOUT') this.#timeouts.inc({ workflow, tool });
        }
        break;
      case 'model.done':
        if (d.output) {
          this.#tokens.inc({ workflow, type: 'input' }, d.output.inputTokens ?? 0);
          this.#tokens.inc({ workflow, type: 'output' }, d.output.outputTokens ?? 0);
          this.#cost.inc({ workflow }, costOf(prices(), d.output.model, d.output.inputTokens ?? 0, d.output.outputTokens ?? 0));
        }
        break;
      case 'policy.decision':
        if (d.effect === 'deny') this.#blocks.inc({ workflow, rule: String(d.ruleId ?? '') });
        break;
      case 'approval.requested':
        this.#requested.inc({ workflow });
        if (!run.asked) this.#needing.inc({ workflow });
        run.asked = true;
        break;
      case 'run.ended': {
        const outcome = outcomeOf(String(d.status), d.end ?? null);
        if (outcome) {
          this.#ended.inc({ workflow, outcome });
          this.#duration.observe({ workflow }, Math.max(0, row.ts - run.startedAt) / 1000);
        }
        this.#open.delete(runId);
        break;
      }
    }
  }

  /** A run this process did not start: what the store says of it (a resumed run's approvals asked before are not known here). */
  #reopen(runId: string, lookup: RunLookup): OpenRun | undefined {
    const known = lookup(runId);
    if (!known) return undefined;
    const run = { workflow: known.workflow, startedAt: known.startedAt, tools: new Map<string, string>(), asked: false };
    this.#open.set(runId, run);
    return run;
  }
}
