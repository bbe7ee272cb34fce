import type { Command } from 'commander';
import { parseDuration, UsageError } from '../../shared/index.ts';
import { evaluateAlerts, scorecard, type Scorecard } from '../../stats/index.ts';
import type { Workbench } from '../../workbench/index.ts';
import { withWorkbench } from '../open-workbench.ts';

export function registerStatsCommand(program: Command): void {
  program
    .command('stats')
    .description('the scorecard of recent runs: success, latency, errors, retries, escalations, approvals, blocks, cost')
    .option('--since <duration>', 'the window, e.g. 24h or 7d', '7d')
    .option('--workflow <id>', 'only this workflow')
    .option('--alerts', 'evaluate the alert rules of tollgate.yaml against the previous window; exit 1 when one fires')
    .option('--json', 'print JSON')
    .action(async (o: { since: string; workflow?: string; alerts?: boolean; json?: boolean }, command: Command) => {
      const window = parseDuration(o.since);
      if (window === undefined) throw new UsageError(`--since expects a duration such as 24h or 7d, not "${o.since}"`);
      await withWorkbench(command, (wb) => {
        const now = Date.now();
        const current = cardFor(wb, now - window, now, o.workflow);
        const previous = cardFor(wb, now - 2 * window, now - window, o.workflow);
        const fired = o.alerts ? evaluateAlerts(wb.definitions.project!.value.alerts, current, previous) : [];
        if (o.json) process.stdout.write(`${JSON.stringify({ window: o.since, workflow: o.workflow ?? null, current, previous, ...(o.alerts ? { alerts: fired } : {}) }, null, 2)}\n`);
        else process.stdout.write(formatScorecard(o.since, current, previous) + (o.alerts ? formatAlerts(fired) : ''));
        if (fired.length > 0) process.exitCode = 1;
      });
    });
}

function cardFor(wb: Workbench, from: number, to: number, workflow: string | undefined): Scorecard {
  const runs = wb.runs.list({ since: from, limit: 100_000, ...(workflow ? { workflow } : {}) }).filter((r) => r.startedAt < to);
  return scorecard(runs, new Map(runs.map((r) => [r.runId, wb.journal(r.runId)])));
}

const LABELS: [keyof Scorecard, string, (n: number) => string][] = [
  ['runs', 'runs', String],
  ['success_rate', 'success rate', pct],
  ['p50_duration_ms', 'time to complete p50', (n) => `${n} ms`],
  ['p95_duration_ms', 'time to complete p95', (n) => `${n} ms`],
  ['tool_calls', 'tool calls', String],
  ['tool_error_rate', 'tool error rate', pct],
  ['retry_rate', 'retry rate', pct],
  ['timeout_rate', 'timeout rate', pct],
  ['escalation_rate', 'escalation rate', pct],
  ['approval_rate', 'runs needing approval', pct],
  ['policy_blocks', 'policy blocks', String],
  ['loop_stops', 'loops stopped', String],
  ['withheld_results', 'replies withheld', String],
  ['tokens_per_run', 'tokens per run', (n) => n.toFixed(1)],
  ['tokens_per_step', 'tokens per step', (n) => n.toFixed(1)],
  ['cost_per_run_usd', 'cost per run', (n) => `$${n.toFixed(6)}`],
  ['cost_per_step_usd', 'cost per step', (n) => `$${n.toFixed(6)}`],
];

function formatScorecard(window: string, current: Scorecard, previous: Scorecard): string {
  const lines = [`${'metric'.padEnd(24)}${`last ${window}`.padStart(14)}${'previous'.padStart(14)}`];
  for (const [key, label, fmt] of LABELS) lines.push(`${label.padEnd(24)}${fmt(current[key]).padStart(14)}${fmt(previous[key]).padStart(14)}`);
  return `${lines.join('\n')}\n`;
}

function formatAlerts(fired: ReturnType<typeof evaluateAlerts>): string {
  if (fired.length === 0) return '\nalerts: none fired\n';
  return `\n${fired.map((a) => `ALERT ${a.id}: ${a.message}`).join('\n')}\n`;
}

function pct(n: number): string {
  return `${(n * 100).toFixed(1)}%`;
}
