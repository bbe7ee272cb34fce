/** What the policy engine says about one request, with the rule and the reason. */
export interface PolicyDecision {
  readonly effect: 'allow' | 'deny' | 'require_approval' | 'escalate';
  /** `policy-id@version`, or `workflow` for the workflow's own limits. */
  readonly policy: string | null;
  readonly ruleId: string | null;
  readonly reason: string;
  /** Sandboxed write: the call is recorded, nothing is sent. */
  readonly dryRun: boolean;
  readonly approval?: { readonly approvers: number; readonly role: string | null };
}

export interface ToolRequest {
  readonly tool: string;
  readonly args: Record<string, unknown>;
  readonly sideEffect: 'read' | 'write';
  readonly env: 'dev' | 'staging' | 'prod';
  readonly workflow: string;
  readonly runId: string;
  /** Entity types whose placeholders appear in the arguments (for forbidden flows). */
  readonly dataEntities?: ReadonlySet<string>;
  /** The run's (tokenised) event, for rules that compare arguments with it. */
  readonly event?: Record<string, unknown>;
  /** Tools the calling agent was given; undefined for a deterministic tool step. */
  readonly offeredTools?: readonly string[];
}
