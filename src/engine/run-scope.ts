import type { Clock } from '../shared/index.ts';
import type { ModelClient } from '../core/index.ts';
import type { PolicyPack, ProjectConfig, ToolConnector, Workflow } from '../workflow/index.ts';
import type { ToolInvocation, ToolOutcome } from '../tools/index.ts';
import type { PiiVault, PolicyDecision } from '../policy/index.ts';
import type { Journal } from './journal.ts';

/** Everything a run is executed against: definitions fixed at the run's start. */
export interface RunDefinitions {
  readonly workflow: Workflow;
  readonly tools: ReadonlyMap<string, ToolConnector>;
  readonly policies: readonly PolicyPack[];
  readonly project: ProjectConfig;
  readonly definitionsDigest: string;
}

export interface RunInput {
  readonly runId: string;
  readonly correlationId: string;
  readonly env: 'dev' | 'staging' | 'prod';
  readonly event: Record<string, unknown>;
  readonly startedAt: number;
  /** `--model`: every agent uses this model instead of its route. */
  readonly modelOverride?: string;
  /** Models for named risk routes only (a canary of one route); other agents keep theirs. */
  readonly routeModels?: Record<string, string>;
  /** Who started the run (may not approve it). */
  readonly requestedBy: string;
}

/** What an approver decided, as the engine needs it. */
export interface ApprovalState {
  readonly status: 'pending' | 'approved' | 'denied' | 'expired';
  readonly approvers: readonly string[];
  /** Set when an approver edited the arguments: these are a new proposed action, checked again. */
  readonly args?: Record<string, unknown>;
  /** Who edited, and the quorum the final (edited) action actually received. */
  readonly editedBy?: string;
  readonly quorum?: { readonly approvers: number; readonly role: string | null };
  readonly reason?: string;
}

export interface ApprovalRequest {
  readonly approvalId: string;
  readonly runId: string;
  readonly stepKey: string;
  readonly requestedBy: string;
  readonly action: { tool?: string; args?: Record<string, unknown>; summary: string };
  readonly reason: string;
  readonly policyRef: string | null;
  readonly ruleId: string | null;
  readonly approvers: number;
  readonly role: string | null;
  readonly definitionsDigest: string;
  readonly context: Record<string, unknown>;
}

/** Where approvals wait for people: the database in the workbench and the runtime. */
export interface ApprovalInbox {
  open(request: ApprovalRequest): void;
  state(approvalId: string): ApprovalState;
}

/** The effects a run may cause; nothing else reaches the world. */
export interface RunEffects {
  readonly model: ModelClient;
  readonly sendTool: (call: ToolInvocation) => Promise<ToolOutcome>;
  readonly approvals: ApprovalInbox;
  readonly clock: Clock;
  /** The run's PII boundary: tokenises what enters the run, restores what a tool may receive. */
  readonly vault: PiiVault;
  /** Wraps each tool call for per-tool concurrency and rate limits. */
  readonly throttleTool?: <T>(tool: string, fn: () => Promise<T>) => Promise<T>;
}

/** Counters of a run, rebuilt deterministically from the journal on every execution. */
export interface RunTotals {
  toolCalls: number;
  tokensIn: number;
  tokensOut: number;
  costUsd: number;
  policyBlocks: number;
  approvalsRequested: number;
  retries: number;
  /** Time spent waiting for people: it does not count against the run's timeout. */
  waitedMs: number;
}

export interface CompletedWrite {
  readonly stepId: string;
  readonly stepKey: string;
  readonly output: unknown;
}

/** Mutable state of one execution of a run. */
export interface RunScope {
  readonly defs: RunDefinitions;
  readonly input: RunInput;
  readonly effects: RunEffects;
  readonly journal: Journal;
  readonly steps: Record<string, { output: unknown }>;
  readonly totals: RunTotals;
  readonly writes: CompletedWrite[];
  readonly identicalCalls: Map<string, number>;
  /** Placeholders that entered only through a withheld reply: never restored for a tool. */
  readonly withheldPlaceholders: Set<string>;
  /** Denied calls per agent step, for the denied-call cap. */
  readonly denials: Map<string, number>;
  readonly decisions: PolicyDecision[];
}

export function runVars(scope: RunScope, output?: unknown): Record<string, unknown> {
  const vars: Record<string, unknown> = {
    event: scope.input.event,
    steps: scope.steps,
    run: { id: scope.input.runId, env: scope.input.env, correlation_id: scope.input.correlationId, workflow: scope.defs.workflow.id },
  };
  if (output !== undefined) vars.output = output;
  return vars;
}
