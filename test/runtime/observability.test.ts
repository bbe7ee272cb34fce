import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parser } from '@prometheus-io/lezer-promql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runEval } from '../../src/evals/index.ts';
import { RunCounters } from '../../src/runtime/metrics/index.ts';
import { scorecard } from '../../src/stats/index.ts';
import { Workbench } from '../../src/workbench/index.ts';
import { REPO } from '../support/cli.ts';
import { copyExampleProject } from '../support/mini-project.ts';

const dashboard = JSON.parse(readFileSync(path.join(REPO, 'observability', 'grafana', 'tollgate-runtime.json'), 'utf8')) as { templating: { list: { definition?: string }[] }; panels: { title: string; targets: { expr: string }[] }[] };
const rules = parse(readFileSync(path.join(REPO, 'observability', 'prometheus', 'tollgate-alerts.yml'), 'utf8')) as { groups: { rules: { alert: string; expr: string; labels: { severity: string } }[] }[] };
const alertIds = (parse(readFileSync(path.join(REPO, 'tollgate.yaml'), 'utf8')) as { alerts: { id: string }[] }).alerts.map((a) => a.id);

/** The metric families of an exposition: type, label names and samples. */
function families(text: string) {
  const out = new Map<string, { type: string; labels: Set<string>; samples: { name: string; labels: Record<string, string>; value: number }[] }>();
  for (const line of text.split('\n')) {
    const type = /^# TYPE (\S+) (\S+)$/.exec(line);
    if (type) out.set(type[1]!, { type: type[2]!, labels: new Set(), samples: [] });
    const sample = /^([a-z_]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!sample) continue;
    const family = out.get(sample[1]!) ?? out.get(sample[1]!.replace(/_(bucket|sum|count)$/, ''))!;
    const labels = Object.fromEntries([...(sample[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1]!, m[2]!]));
    for (const k of Object.keys(labels)) family.labels.add(k);
    family.samples.push({ name: sample[1]!, labels, value: Number(sample[3]) });
  }
  return out;
}

/** PromQL as Prometheus reads it: Grafana's variables replaced, then parsed by Prometheus's own grammar. */
function promql(expr: string): { errors: number; metrics: string[]; labels: string[] } {
  const query = expr.replaceAll('$__rate_interval', '5m').replaceAll('$workflow', '.*');
  let errors = 0;
  const labels: string[] = [];
  parser.parse(query).iterate({
    enter: (n) => {
      if (n.type.isError) errors++;
      if (n.name === 'LabelName') labels.push(query.slice(n.from, n.to));
    },
  });
  return { errors, metrics: [...new Set(query.match(/\btollgate_[a-z_]+/g) ?? [])], labels: [...new Set(labels)] };
}

let wb: Workbench;
let metrics: ReturnType<typeof families>;
let text: string;
beforeAll(async () => {
  const root = copyExampleProject();
  // As the runtime does: the journal counts what it writes.
  const counters = new RunCounters();
  const opened: Workbench = Workbench.open(root, {
    dbPath: path.join(root, '.tollgate', 'metrics.db'), traces: false,
    journal: (store) => counters.journal(store, (runId) => opened.runs.get(runId), () => opened.definitions.project!.value.models.prices),
  });
  wb = opened;
  await runEval(wb, { concurrency: 8 }); // runs of every kind: resolved, escalated, denied, blocked, retried, approved
  text = (await counters.text({ events: 3, duplicates: 1, rejected: 0, bundleVersion: 2, inflight: 0, runsByStatus: [{ status: 'completed', n: 7 }] })).text;
  metrics = families(text);
}, 120_000);
afterAll(() => wb?.close());

const queries = () => [
  ...dashboard.panels.flatMap((p) => p.targets.map((t) => ({ where: `dashboard: ${p.title}`, expr: t.expr }))),
  ...dashboard.templating.list.flatMap((v) => (v.definition ? [{ where: 'dashboard variable', expr: v.definition.replace(/^label_values\((\w+), \w+\)$/, '$1') }] : [])),
  ...rules.groups.flatMap((g) => g.rules.map((r) => ({ where: `alert ${r.alert}`, expr: r.expr }))),
];

describe('the Grafana dashboard and the Prometheus alerting rules (observability/)', () => {
  it('query only metrics and labels /metrics exports, in PromQL Prometheus parses', () => {
    expect(queries().length).toBeGreaterThan(15);
    for (const { where, expr } of queries()) {
      const q = promql(expr);
      expect(q.errors, `${where}: ${expr}`).toBe(0);
      expect(q.metrics.length, where).toBeGreaterThan(0);
      for (const name of q.metrics) {
        const family = metrics.get(name) ?? metrics.get(name.replace(/_bucket$/, ''));
        expect(family, `${where}: ${name} is exported`).toBeDefined();
        for (const label of q.labels) expect(q.metrics.some((m) => (metrics.get(m) ?? metrics.get(m.replace(/_bucket$/, '')))!.labels.has(label)), `${where}: label ${label}`).toBe(true);
      }
    }
  });

  it('has one alerting rule per alert of tollgate.yaml (what tollgate stats --alerts evaluates)', () => {
    expect(rules.groups.flatMap((g) => g.rules.map((r) => r.alert)).sort()).toEqual([...alertIds].sort());
  });

  it('counts as tollgate stats does: the exposition agrees with the scorecard of the same runs', () => {
    const runs = wb.runs.list({ limit: 100_000 });
    const card = scorecard(runs, new Map(runs.map((r) => [r.runId, wb.journal(r.runId)])));
    const sum = (name: string, where: (l: Record<string, string>) => boolean = () => true) => (metrics.get(name) ?? metrics.get(name.replace(/_(count|sum|bucket)$/, '')))!.samples.filter((s) => s.name === name && where(s.labels)).reduce((n, s) => n + s.value, 0);
    const round = (x: number) => Math.round(x * 1e4) / 1e4;
    expect(sum('tollgate_runs_started_total')).toBe(card.runs);
    expect(sum('tollgate_runs_ended_total')).toBe(card.ended);
    expect(round(sum('tollgate_runs_ended_total', (l) => l.outcome === 'succeeded') / card.ended)).toBe(card.success_rate);
    expect(round(sum('tollgate_runs_ended_total', (l) => l.outcome === 'escalated') / card.ended)).toBe(card.escalation_rate);
    expect(sum('tollgate_tool_calls_total')).toBe(card.tool_calls);
    expect(round(sum('tollgate_tool_errors_total') / card.tool_calls)).toBe(card.tool_error_rate);
    expect(round(sum('tollgate_tool_retries_total') / card.tool_calls)).toBe(card.retry_rate);
    expect(round(sum('tollgate_tool_timeouts_total') / card.tool_calls)).toBe(card.timeout_rate);
    expect(sum('tollgate_policy_blocks_total')).toBe(card.policy_blocks);
    expect(round(sum('tollgate_runs_needing_approval_total') / card.runs)).toBe(card.approval_rate);
    expect(round(sum('tollgate_tokens_total') / card.runs)).toBe(card.tokens_per_run);
    expect(sum('tollgate_run_duration_seconds_count')).toBe(card.ended);
    // The example's cases exercise what the panels show.
    expect([card.escalation_rate, card.policy_blocks, card.retry_rate, card.approval_rate].every((x) => x > 0)).toBe(true);
  });

  it('exports per-workflow counters as counters, and the process figures', () => {
    expect(metrics.get('tollgate_runs_ended_total')).toMatchObject({ type: 'counter', labels: new Set(['workflow', 'outcome']) });
    expect(metrics.get('tollgate_run_duration_seconds')!.type).toBe('histogram');
    expect(text).toMatch(/^tollgate_events_total 3$/m);
    expect(text).toMatch(/^tollgate_bundle_version 2$/m);
    expect(text).toMatch(/^tollgate_runs\{status="completed"\} 7$/m);
  });
});
