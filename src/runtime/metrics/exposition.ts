import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { outcomeOf } from '../../stats/index.ts';
import type { RuntimeFigures } from './figures.ts';

export interface ProcessCounters {
  readonly events: number;
  readonly duplicates: number;
  readonly rejected: number;
  readonly bundleVersion: number;
  readonly inflight: number;
}

/** Seconds from a second to a day: agent runs that wait for people take hours. */
const DURATION_BUCKETS = [0.1, 0.5, 1, 2, 5, 10, 30, 60, 300, 900, 3600, 14_400, 86_400];

/**
 * The runtime's figures in the Prometheus text format, per workflow: what the Grafana dashboard and
 * the alerting rules in observability/ query (a test holds the three together).
 */
export async function exposition(f: RuntimeFigures, p: ProcessCounters): Promise<{ text: string; contentType: string }> {
  const registry = new Registry();
  const counter = (name: string, help: string, labelNames: string[] = []) => new Counter({ name, help, labelNames, registers: [registry] });
  const gauge = (name: string, help: string, labelNames: string[] = []) => new Gauge({ name, help, labelNames, registers: [registry] });

  counter('tollgate_events_total', 'Events accepted by POST /v1/events.').inc(p.events);
  counter('tollgate_duplicate_events_total', 'Events answered from an earlier run (same event ID).').inc(p.duplicates);
  counter('tollgate_bundles_rejected_total', 'Bundles refused by verification.').inc(p.rejected);
  gauge('tollgate_bundle_version', 'The bundle version serving new events.').set(p.bundleVersion);
  gauge('tollgate_inflight', 'Executions in flight.').set(p.inflight);

  const byStatus = gauge('tollgate_runs', 'Runs by status.', ['status']);
  const started = counter('tollgate_runs_started_total', 'Runs started.', ['workflow']);
  const ended = counter('tollgate_runs_ended_total', 'Runs ended, by outcome (succeeded, escalated, denied, failed, timed_out, budget_exceeded, compensated).', ['workflow', 'outcome']);
  const tokens = counter('tollgate_tokens_total', 'Model tokens used, by type (input, output).', ['workflow', 'type']);
  const cost = counter('tollgate_cost_usd_total', 'Model cost in USD.', ['workflow']);
  for (const r of f.runs) {
    byStatus.inc({ status: r.status }, r.n);
    started.inc({ workflow: r.workflow }, r.n);
    const outcome = outcomeOf(r.status, r.end_state);
    if (outcome) ended.inc({ workflow: r.workflow, outcome }, r.n);
    tokens.inc({ workflow: r.workflow, type: 'input' }, r.tokens_in);
    tokens.inc({ workflow: r.workflow, type: 'output' }, r.tokens_out);
    cost.inc({ workflow: r.workflow }, r.cost_usd);
  }

  const duration = new Histogram({ name: 'tollgate_run_duration_seconds', help: 'Time from start to end of ended runs (time to complete).', labelNames: ['workflow'], buckets: DURATION_BUCKETS, registers: [registry] });
  for (const d of f.durations) if (outcomeOf(d.status, d.end_state)) duration.observe({ workflow: d.workflow }, d.ms / 1000);

  const calls = counter('tollgate_tool_calls_total', 'Tool call attempts (retries included).', ['workflow', 'tool']);
  const retries = counter('tollgate_tool_retries_total', 'Tool call attempts after the first.', ['workflow', 'tool']);
  const errors = counter('tollgate_tool_errors_total', 'Tool call attempts that failed.', ['workflow', 'tool']);
  const timeouts = counter('tollgate_tool_timeouts_total', 'Tool call attempts that timed out.', ['workflow', 'tool']);
  for (const t of f.tools) {
    const labels = { workflow: t.workflow, tool: t.tool };
    calls.inc(labels, t.calls);
    retries.inc(labels, t.retries);
    errors.inc(labels, t.errors);
    timeouts.inc(labels, t.timeouts);
  }

  const blocks = counter('tollgate_policy_blocks_total', 'Tool calls the policy denied, by rule.', ['workflow', 'rule']);
  for (const b of f.blocks) blocks.inc({ workflow: b.workflow, rule: b.rule }, b.n);
  const needing = counter('tollgate_runs_needing_approval_total', 'Runs that asked people for at least one approval.', ['workflow']);
  const requested = counter('tollgate_approvals_requested_total', 'Approvals asked for.', ['workflow']);
  for (const a of f.approvals) {
    needing.inc({ workflow: a.workflow }, a.runs);
    requested.inc({ workflow: a.workflow }, a.requested);
  }
  return { text: await registry.metrics(), contentType: registry.contentType };
}
