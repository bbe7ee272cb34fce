/** Append-only: each entry upgrades the schema by one version (PRAGMA user_version). */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE runs (
    run_id TEXT PRIMARY KEY,
    correlation_id TEXT NOT NULL,
    workflow TEXT NOT NULL,
    version INTEGER NOT NULL,
    definitions_digest TEXT NOT NULL,
    env TEXT NOT NULL,
    trigger_type TEXT NOT NULL,
    status TEXT NOT NULL,
    end_state TEXT,
    reason TEXT,
    event_json TEXT NOT NULL,
    options_json TEXT NOT NULL DEFAULT '{}',
    started_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    ended_at INTEGER,
    owner_pid INTEGER,
    tokens_in INTEGER NOT NULL DEFAULT 0,
    tokens_out INTEGER NOT NULL DEFAULT 0,
    cost_usd REAL NOT NULL DEFAULT 0,
    tool_calls INTEGER NOT NULL DEFAULT 0
  );
  CREATE INDEX runs_by_workflow ON runs(workflow, started_at);
  CREATE INDEX runs_by_status ON runs(status, started_at);

  CREATE TABLE events (
    run_id TEXT NOT NULL REFERENCES runs(run_id),
    seq INTEGER NOT NULL,
    kind TEXT NOT NULL,
    step_key TEXT NOT NULL,
    attempt INTEGER NOT NULL DEFAULT 1,
    input_sha256 TEXT,
    data_json TEXT NOT NULL,
    ts INTEGER NOT NULL,
    PRIMARY KEY (run_id, seq)
  ) WITHOUT ROWID;

  CREATE TABLE definitions (
    digest TEXT PRIMARY KEY,
    files_json TEXT NOT NULL,
    created_at INTEGER NOT NULL
  );

  CREATE TABLE approvals (
    approval_id TEXT PRIMARY KEY,
    run_id TEXT NOT NULL REFERENCES runs(run_id),
    step_key TEXT NOT NULL,
    requested_by TEXT NOT NULL,
    requested_at INTEGER NOT NULL,
    expires_at INTEGER,
    action_digest TEXT NOT NULL,
    action_json TEXT NOT NULL,
    policy_ref TEXT,
    reason TEXT NOT NULL,
    role TEXT,
    required_approvals INTEGER NOT NULL,
    definitions_digest TEXT NOT NULL,
    status TEXT NOT NULL,
    context_json TEXT NOT NULL DEFAULT '{}'
  );
  CREATE INDEX approvals_pending ON approvals(status, requested_at);

  CREATE TABLE approval_decisions (
    approval_id TEXT NOT NULL REFERENCES approvals(approval_id),
    principal TEXT NOT NULL,
    decision TEXT NOT NULL,
    edited_args_json TEXT,
    edited_args_digest TEXT,
    comment TEXT,
    decided_at INTEGER NOT NULL,
    PRIMARY KEY (approval_id, principal)
  );
  `,
  `
  CREATE TABLE audit (
    seq INTEGER NOT NULL,
    ts INTEGER NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    body_jcs TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
  );
  CREATE INDEX audit_by_seq ON audit(seq);
  `,
  `
  CREATE TABLE vault (
    run_id TEXT NOT NULL,
    placeholder TEXT NOT NULL,
    entity TEXT NOT NULL,
    nonce BLOB NOT NULL,
    ciphertext BLOB NOT NULL,
    tag BLOB NOT NULL,
    PRIMARY KEY (run_id, placeholder)
  ) WITHOUT ROWID;
  `,
  `
  CREATE TABLE eval_reports (
    report_id TEXT PRIMARY KEY,
    created_at INTEGER NOT NULL,
    kind TEXT NOT NULL,
    model TEXT,
    cases INTEGER NOT NULL,
    passed INTEGER NOT NULL,
    verdict TEXT,
    report_json TEXT NOT NULL
  );
  CREATE TABLE eval_results (
    report_id TEXT NOT NULL REFERENCES eval_reports(report_id),
    case_key TEXT NOT NULL,
    run_id TEXT NOT NULL,
    pass INTEGER NOT NULL,
    end_state TEXT NOT NULL,
    failed TEXT NOT NULL,
    cost_usd REAL NOT NULL,
    tokens INTEGER NOT NULL,
    latency_ms INTEGER NOT NULL,
    PRIMARY KEY (report_id, case_key)
  ) WITHOUT ROWID;
  `,
  `
  CREATE TABLE runtime_events (
    event_id TEXT PRIMARY KEY,
    run_id TEXT NOT NULL,
    bundle_version INTEGER NOT NULL
  );
  CREATE INDEX runtime_events_by_run ON runtime_events(run_id);
  `,
  `
  -- The runs list shows policy blocks per run; a partial index keeps that count cheap.
  CREATE INDEX events_policy_denials ON events(run_id) WHERE kind = 'policy.decision' AND json_extract(data_json, '$.effect') = 'deny';
  `,
  `
  -- The runs list is read newest first: an index in that order saves sorting every run.
  CREATE INDEX runs_by_start ON runs(started_at DESC, run_id DESC);
  `,
  `
  -- Each case's summary in its own row: a report of 20,000 cases is not one JSON value to hold and write.
  ALTER TABLE eval_results ADD COLUMN summary_json TEXT;
  `,
  `
  -- When an event ID was reserved: another process takes over a reservation without its run only once it is stale.
  ALTER TABLE runtime_events ADD COLUMN reserved_at INTEGER NOT NULL DEFAULT 0;
  `,
];
