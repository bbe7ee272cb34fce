import type { Db } from '../../store/index.ts';

/** Per-workflow figures of every run in the database: the rows the metrics are made from. */
export interface RuntimeFigures {
  readonly runs: { workflow: string; status: string; end_state: string | null; n: number; tokens_in: number; tokens_out: number; cost_usd: number }[];
  readonly durations: { workflow: string; status: string; end_state: string | null; ms: number }[];
  readonly tools: { workflow: string; tool: string; calls: number; retries: number; errors: number; timeouts: number }[];
  readonly blocks: { workflow: string; rule: string; n: number }[];
  readonly approvals: { workflow: string; runs: number; requested: number }[];
}

/** Reads the figures (all runs the database holds: counters only grow while runs are kept). */
export function runtimeFigures(db: Db): RuntimeFigures {
  const all = <T>(sql: string) => db.prepare(sql).all() as T[];
  return {
    runs: all('SELECT workflow, status, end_state, count(*) AS n, sum(tokens_in) AS tokens_in, sum(tokens_out) AS tokens_out, sum(cost_usd) AS cost_usd FROM runs GROUP BY workflow, status, end_state'),
    durations: all('SELECT workflow, status, end_state, ended_at - started_at AS ms FROM runs WHERE ended_at IS NOT NULL'),
    // An attempt's outcome is the tool.done row of the same step and attempt.
    tools: all(`SELECT r.workflow, json_extract(s.data_json, '$.input.tool') AS tool, count(*) AS calls, sum(s.attempt > 1) AS retries,
        sum(json_extract(d.data_json, '$.error') IS NOT NULL) AS errors, sum(coalesce(json_extract(d.data_json, '$.error.code') = 'TG_TOOL_TIMEOUT', 0)) AS timeouts
      FROM events s JOIN runs r USING (run_id)
      LEFT JOIN events d ON d.run_id = s.run_id AND d.kind = 'tool.done' AND d.step_key = s.step_key AND d.attempt = s.attempt
      WHERE s.kind = 'tool.started' GROUP BY r.workflow, tool`),
    blocks: all(`SELECT r.workflow, coalesce(json_extract(e.data_json, '$.ruleId'), '') AS rule, count(*) AS n FROM events e JOIN runs r USING (run_id)
      WHERE e.kind = 'policy.decision' AND json_extract(e.data_json, '$.effect') = 'deny' GROUP BY r.workflow, rule`),
    approvals: all(`SELECT r.workflow, count(DISTINCT e.run_id) AS runs, count(*) AS requested FROM events e JOIN runs r USING (run_id)
      WHERE e.kind = 'approval.requested' GROUP BY r.workflow`),
  };
}
