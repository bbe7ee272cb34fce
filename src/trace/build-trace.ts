import { SpanKind, SpanStatusCode, type Attributes } from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { ATTR_ERROR_TYPE, ATTR_HTTP_RESPONSE_STATUS_CODE, ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';
import {
  ATTR_DEPLOYMENT_ENVIRONMENT_NAME, ATTR_GEN_AI_AGENT_ID, ATTR_GEN_AI_AGENT_NAME, ATTR_GEN_AI_AGENT_VERSION, ATTR_GEN_AI_CONVERSATION_ID, ATTR_GEN_AI_INPUT_MESSAGES,
  ATTR_GEN_AI_OPERATION_NAME, ATTR_GEN_AI_OUTPUT_MESSAGES, ATTR_GEN_AI_OUTPUT_TYPE, ATTR_GEN_AI_PROVIDER_NAME, ATTR_GEN_AI_REQUEST_MODEL, ATTR_GEN_AI_RESPONSE_FINISH_REASONS,
  ATTR_GEN_AI_RESPONSE_MODEL, ATTR_GEN_AI_SYSTEM_INSTRUCTIONS, ATTR_GEN_AI_TOOL_CALL_ARGUMENTS, ATTR_GEN_AI_TOOL_CALL_ID, ATTR_GEN_AI_TOOL_CALL_RESULT, ATTR_GEN_AI_TOOL_DEFINITIONS,
  ATTR_GEN_AI_TOOL_NAME, ATTR_GEN_AI_TOOL_TYPE, ATTR_GEN_AI_USAGE_INPUT_TOKENS, ATTR_GEN_AI_USAGE_OUTPUT_TOKENS, ATTR_GEN_AI_WORKFLOW_NAME,
  GEN_AI_OPERATION_NAME_VALUE_CHAT, GEN_AI_OPERATION_NAME_VALUE_EXECUTE_TOOL, GEN_AI_OPERATION_NAME_VALUE_INVOKE_AGENT, GEN_AI_OPERATION_NAME_VALUE_INVOKE_WORKFLOW, GEN_AI_OUTPUT_TYPE_VALUE_JSON,
} from '@opentelemetry/semantic-conventions/incubating';
import { costOf } from '../core/index.ts';
import type { ProjectConfig } from '../workflow/index.ts';
import { spanIdFor, traceIdFor } from './ids.ts';
import { RECORDING_EVENT, type Recording } from './recording.ts';
import { SpanRecord } from './span-record.ts';
import { finishReasonOf, inputMessages, outputMessages, systemInstructions, toolDefinitions } from './genai-messages.ts';

const VERSION = '0.1.0';
const SCOPE = { name: 'tollgate', version: VERSION };
const PROVIDER = 'ollama';
/** Run statuses that mean something failed (a denial or an escalation is an outcome, not an error). */
const FAILED = new Set(['failed', 'timed_out', 'budget_exceeded', 'compensated']);

type Span = SpanRecord;

export interface TraceOptions {
  /** Message content on the GenAI attributes (OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT); tollgate's placeholders either way. */
  readonly content?: boolean;
}

/** The GenAI conventions' opt-in switch for message content. */
export function captureContent(env: Readonly<Record<string, string | undefined>>): boolean {
  return env.OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT?.trim().toLowerCase() === 'true';
}

/**
 * Builds a run's span tree from its recording: run → step → agent → chat / tool / policy →
 * approval, with the GenAI semantic conventions' attributes (the constants of
 * @opentelemetry/semantic-conventions) and `tollgate.*` for the rest (cost, policy decisions,
 * approvals). The journal rides along as span events, so the trace alone can be replayed. Spans
 * come in the order they end, the root last; IDs derive from the run and the journal position.
 */
export function buildTrace(recording: Recording, prices: ProjectConfig['models']['prices'] = {}, options: TraceOptions = {}): SpanRecord[] {
  const { run, journal } = recording;
  // Content was tokenised before it was journaled: placeholders, never raw PII.
  const content = options.content ?? captureContent(process.env);
  const resource = resourceFromAttributes({ [ATTR_SERVICE_NAME]: 'tollgate', [ATTR_SERVICE_VERSION]: VERSION, [ATTR_DEPLOYMENT_ENVIRONMENT_NAME]: run.env });
  const traceId = traceIdFor(run.runId);
  const finished: SpanRecord[] = [];
  const collect = (span: SpanRecord) => void finished.push(span);
  const start = (key: string, name: string, kind: SpanKind, at: number, parent: Span | undefined, attributes: Attributes): Span =>
    new SpanRecord({ name, kind, context: { traceId, spanId: spanIdFor(run.runId, key), traceFlags: 1 }, parent: parent?.spanContext(), startMs: at, resource, scope: SCOPE }, attributes, collect);

  const last = journal.at(-1)?.ts ?? run.startedAt;
  const root = start('run', `${GEN_AI_OPERATION_NAME_VALUE_INVOKE_WORKFLOW} ${run.workflow}`, SpanKind.INTERNAL, run.startedAt, undefined, {
    [ATTR_GEN_AI_OPERATION_NAME]: GEN_AI_OPERATION_NAME_VALUE_INVOKE_WORKFLOW,
    [ATTR_GEN_AI_WORKFLOW_NAME]: run.workflow,
    [ATTR_GEN_AI_CONVERSATION_ID]: run.correlationId,
    'tollgate.run.id': run.runId,
    'tollgate.workflow.version': run.version,
    'tollgate.trigger.type': run.triggerType,
    'tollgate.environment': run.env,
    'tollgate.definitions.digest': run.definitionsDigest,
    ...(run.replayOf ? { 'tollgate.replay.of_run_id': run.replayOf } : {}),
  });
  if (run.replayOf) root.addLink({ context: { traceId: traceIdFor(run.replayOf), spanId: spanIdFor(run.replayOf, 'run'), traceFlags: 1 } });
  root.addEvent(RECORDING_EVENT.run, { 'tollgate.recording': JSON.stringify(run) }, run.startedAt);

  let step: Span | undefined;
  let agent: Span | undefined;
  const open = new Map<string, Span>();
  const totals = { in: 0, out: 0, cost: 0, tools: 0 };
  const parentFor = () => agent ?? step ?? root;
  /** Ends the span an effect's `.started` row opened: error status, or `onSuccess` attributes. */
  const finish = (kind: string, row: { stepKey: string; ts: number; data: unknown }, onSuccess: (span: Span, output: any) => void) => {
    const span = open.get(`${kind}:${row.stepKey}`);
    if (!span) return;
    open.delete(`${kind}:${row.stepKey}`);
    const d = row.data as { error?: { code: string; message: string }; output?: unknown };
    if (d.error) fail(span, d.error);
    else onSuccess(span, d.output);
    span.end(row.ts);
  };
  const closeStep = (at: number) => {
    agent?.end(at);
    step?.end(at);
    agent = step = undefined;
  };

  for (const row of journal) {
    root.addEvent(RECORDING_EVENT.journal, { 'tollgate.journal': JSON.stringify(row) }, row.ts);
    const d = row.data as Record<string, any>;
    const key = `${row.kind}:${row.stepKey}:${row.seq}`;
    switch (row.kind) {
      case 'step.entered': {
        closeStep(row.ts);
        step = start(key, `step ${d.step}`, SpanKind.INTERNAL, row.ts, root, { 'tollgate.step.id': d.step, 'tollgate.step.key': row.stepKey, 'tollgate.step.kind': d.kind });
        if (d.agent) {
          agent = start(`${key}:agent`, `${GEN_AI_OPERATION_NAME_VALUE_INVOKE_AGENT} ${d.agent}`, SpanKind.INTERNAL, row.ts, step, {
            [ATTR_GEN_AI_OPERATION_NAME]: GEN_AI_OPERATION_NAME_VALUE_INVOKE_AGENT, [ATTR_GEN_AI_AGENT_NAME]: d.agent, [ATTR_GEN_AI_AGENT_ID]: `${run.workflow}/${d.agent}`,
            [ATTR_GEN_AI_AGENT_VERSION]: String(run.version), [ATTR_GEN_AI_PROVIDER_NAME]: PROVIDER, [ATTR_GEN_AI_CONVERSATION_ID]: run.correlationId, ...(d.model ? { [ATTR_GEN_AI_REQUEST_MODEL]: d.model } : {}),
          });
        }
        break;
      }
      case 'model.started':
        open.set(`model:${row.stepKey}`, start(key, `${GEN_AI_OPERATION_NAME_VALUE_CHAT} ${d.input.model}`, SpanKind.CLIENT, row.ts, parentFor(), {
          [ATTR_GEN_AI_OPERATION_NAME]: GEN_AI_OPERATION_NAME_VALUE_CHAT, [ATTR_GEN_AI_PROVIDER_NAME]: PROVIDER, [ATTR_GEN_AI_REQUEST_MODEL]: d.input.model,
          [ATTR_GEN_AI_CONVERSATION_ID]: run.correlationId, 'tollgate.attempt': row.attempt,
          ...(d.input.format ? { [ATTR_GEN_AI_OUTPUT_TYPE]: GEN_AI_OUTPUT_TYPE_VALUE_JSON } : {}),
          ...(d.input.tools?.length ? { [ATTR_GEN_AI_TOOL_DEFINITIONS]: JSON.stringify(toolDefinitions(d.input.tools, content)) } : {}),
          ...(content ? { [ATTR_GEN_AI_SYSTEM_INSTRUCTIONS]: JSON.stringify(systemInstructions(d.input.messages)), [ATTR_GEN_AI_INPUT_MESSAGES]: JSON.stringify(inputMessages(d.input.messages)) } : {}),
        }));
        break;
      case 'model.done':
        finish('model', row, (span, o) => {
          const cost = costOf(prices, o.model, o.inputTokens, o.outputTokens);
          totals.in += o.inputTokens;
          totals.out += o.outputTokens;
          totals.cost += cost;
          span.setAttributes({
            [ATTR_GEN_AI_RESPONSE_MODEL]: o.model, [ATTR_GEN_AI_RESPONSE_FINISH_REASONS]: [finishReasonOf(o.message, o.finishReason)],
            [ATTR_GEN_AI_USAGE_INPUT_TOKENS]: o.inputTokens, [ATTR_GEN_AI_USAGE_OUTPUT_TOKENS]: o.outputTokens,
            'tollgate.cost.usd': cost,
            ...(content ? { [ATTR_GEN_AI_OUTPUT_MESSAGES]: JSON.stringify(outputMessages(o.message, o.finishReason)) } : {}),
          });
        });
        break;
      case 'policy.decision': {
        // A policy decision is tollgate's own: the GenAI conventions name no guardrail operation.
        const attrs: Attributes = {
          'tollgate.policy.result': d.effect, 'tollgate.policy.rule_id': d.ruleId ?? '', 'tollgate.policy.reason': d.reason, 'tollgate.policy.dry_run': d.dryRun === true,
          'tollgate.policy.source': d.withheld ? 'tool_output' : 'tool_input', 'tollgate.tool.name': d.tool,
        };
        if (d.policy) {
          const [id, version] = String(d.policy).split('@');
          Object.assign(attrs, { 'tollgate.policy.id': id, 'tollgate.policy.version': version ?? '' });
        }
        start(key, `policy ${d.tool}`, SpanKind.INTERNAL, row.ts, parentFor(), attrs).end(row.ts);
        break;
      }
      case 'tool.started':
        open.set(`tool:${row.stepKey}`, start(key, `${GEN_AI_OPERATION_NAME_VALUE_EXECUTE_TOOL} ${d.input.tool}`, SpanKind.INTERNAL, row.ts, parentFor(), {
          [ATTR_GEN_AI_OPERATION_NAME]: GEN_AI_OPERATION_NAME_VALUE_EXECUTE_TOOL, [ATTR_GEN_AI_TOOL_NAME]: d.input.tool, [ATTR_GEN_AI_TOOL_CALL_ID]: row.stepKey, [ATTR_GEN_AI_TOOL_TYPE]: 'extension',
          [ATTR_GEN_AI_CONVERSATION_ID]: run.correlationId, 'tollgate.idempotency_key': d.input.idempotency_key, 'tollgate.attempt': row.attempt, 'tollgate.tool.dry_run': d.input.dry_run === true,
          ...(content ? { [ATTR_GEN_AI_TOOL_CALL_ARGUMENTS]: JSON.stringify(d.input.args) } : {}),
        }));
        break;
      case 'tool.done':
        finish('tool', row, (span, output) => {
          totals.tools++;
          span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, output.status);
          if (content) span.setAttribute(ATTR_GEN_AI_TOOL_CALL_RESULT, JSON.stringify(output.body));
        });
        break;
      case 'approval.requested':
        open.set(`approval:${row.stepKey}`, start(key, `await_approval ${row.stepKey}`, SpanKind.INTERNAL, row.ts, parentFor(), {
          'tollgate.approval.id': d.approval_id, 'tollgate.approval.required': d.approvers, 'tollgate.approval.role': d.role ?? '', 'tollgate.approval.status': 'pending',
        }));
        break;
      case 'approval.done':
        finish('approval', row, (span, output) => span.setAttributes({ 'tollgate.approval.status': output.status, 'tollgate.approval.approvers': output.approvers ?? [] }));
        break;
      case 'run.ended':
        closeStep(row.ts);
        break;
    }
  }
  for (const span of open.values()) span.end(last);
  closeStep(last);
  root.setAttributes({
    'tollgate.run.status': run.status, 'tollgate.run.outcome': run.endState ?? run.status,
    'tollgate.usage.input_tokens_total': totals.in, 'tollgate.usage.output_tokens_total': totals.out,
    'tollgate.cost.usd_total': Math.round(totals.cost * 1e6) / 1e6, 'tollgate.tool_calls_total': totals.tools,
  });
  if (FAILED.has(run.status)) fail(root, { code: run.status, message: run.reason ?? run.status });
  root.end(last);
  return finished;
}

function fail(span: Span, error: { code: string; message: string }): void {
  span.setStatus({ code: SpanStatusCode.ERROR, message: error.message });
  span.setAttribute(ATTR_ERROR_TYPE, error.code);
}
