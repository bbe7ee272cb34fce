import { SpanKind, SpanStatusCode, type Attributes } from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { costOf } from '../models/index.ts';
import type { ProjectConfig } from '../workflow/index.ts';
import { spanIdFor, traceIdFor } from './ids.ts';
import { RECORDING_EVENT, type Recording } from './recording.ts';
import { SpanRecord } from './span-record.ts';

const VERSION = '0.1.0';
const SCOPE = { name: 'tollgate', version: VERSION };

type Span = SpanRecord;

/**
 * Builds a run's span tree from its recording: run → step → agent → chat / tool → guardrail →
 * approval, with GenAI semantic-convention attributes (v1.41, Development) and `tollgate.*` for
 * the rest. The journal rides along as span events, so the trace alone can be replayed. Spans come
 * in the order they end, the root last; IDs derive from the run and the journal position.
 */
export function buildTrace(recording: Recording, prices: ProjectConfig['models']['prices'] = {}): ReadableSpan[] {
  const { run, journal } = recording;
  // Content is tokenised before it is journaled (placeholders, never raw PII); TOLLGATE_TRACE_CONTENT=0 leaves it out.
  const content = process.env.TOLLGATE_TRACE_CONTENT !== '0';
  const resource = resourceFromAttributes({ 'service.name': 'tollgate', 'service.version': VERSION, 'deployment.environment.name': run.env });
  const traceId = traceIdFor(run.runId);
  const finished: SpanRecord[] = [];
  const collect = (span: SpanRecord) => void finished.push(span);
  const start = (key: string, name: string, kind: SpanKind, at: number, parent: Span | undefined, attributes: Attributes): Span =>
    new SpanRecord({ name, kind, context: { traceId, spanId: spanIdFor(run.runId, key), traceFlags: 1 }, parent: parent?.spanContext(), startMs: at, resource, scope: SCOPE }, attributes, collect);

  const last = journal.at(-1)?.ts ?? run.startedAt;
  const root = start('run', `invoke_workflow ${run.workflow}`, SpanKind.INTERNAL, run.startedAt, undefined, {
    'gen_ai.operation.name': 'invoke_workflow',
    'gen_ai.workflow.name': run.workflow,
    'gen_ai.conversation.id': run.correlationId,
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
          agent = start(`${key}:agent`, `invoke_agent ${d.agent}`, SpanKind.INTERNAL, row.ts, step, {
            'gen_ai.operation.name': 'invoke_agent', 'gen_ai.agent.name': d.agent, 'gen_ai.agent.id': `${run.workflow}/${d.agent}`,
            'gen_ai.agent.version': String(run.version), 'gen_ai.provider.name': 'ollama', ...(d.model ? { 'gen_ai.request.model': d.model } : {}),
          });
        }
        break;
      }
      case 'model.started':
        open.set(`model:${row.stepKey}`, start(key, `chat ${d.input.model}`, SpanKind.CLIENT, row.ts, parentFor(), {
          'gen_ai.operation.name': 'chat', 'gen_ai.provider.name': 'ollama', 'gen_ai.request.model': d.input.model, 'tollgate.attempt': row.attempt,
          ...(content ? { 'gen_ai.input.messages': JSON.stringify(d.input.messages), 'gen_ai.tool.definitions': JSON.stringify((d.input.tools ?? []).map((t: any) => t.function.name)) } : {}),
        }));
        break;
      case 'model.done':
        finish('model', row, (span, o) => {
          const cost = costOf(prices, o.model, o.inputTokens, o.outputTokens);
          totals.in += o.inputTokens;
          totals.out += o.outputTokens;
          totals.cost += cost;
          span.setAttributes({
            'gen_ai.response.model': o.model, 'gen_ai.response.finish_reasons': [o.finishReason],
            'gen_ai.usage.input_tokens': o.inputTokens, 'gen_ai.usage.output_tokens': o.outputTokens,
            'tollgate.cost.usd': cost, 'gen_ai.usage.cost': cost,
            ...(content ? { 'gen_ai.output.messages': JSON.stringify([o.message]) } : {}),
          });
        });
        break;
      case 'policy.decision': {
        const effect = d.effect === 'require_approval' ? 'require_approval' : d.effect === 'allow' ? 'allow' : 'deny';
        const attrs: Attributes = {
          'gen_ai.operation.name': 'apply_guardrail', 'gen_ai.guardrail.source': d.withheld ? 'tool_output' : 'tool_input', 'gen_ai.guardrail.result.value': effect,
          'tollgate.policy.result': d.effect, 'tollgate.policy.rule_id': d.ruleId ?? '', 'tollgate.policy.reason': d.reason, 'tollgate.policy.dry_run': d.dryRun === true,
          'gen_ai.tool.name': d.tool,
        };
        if (d.policy) {
          const [id, version] = String(d.policy).split('@');
          Object.assign(attrs, { 'gen_ai.guardrail.policy.id': id, 'gen_ai.guardrail.policy.version': version ?? '', 'tollgate.policy.id': id, 'tollgate.policy.version': version ?? '' });
        }
        start(key, `apply_guardrail ${d.tool}`, SpanKind.INTERNAL, row.ts, parentFor(), attrs).end(row.ts);
        break;
      }
      case 'tool.started':
        open.set(`tool:${row.stepKey}`, start(key, `execute_tool ${d.input.tool}`, SpanKind.INTERNAL, row.ts, parentFor(), {
          'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': d.input.tool, 'gen_ai.tool.call.id': row.stepKey, 'gen_ai.tool.type': 'extension',
          'tollgate.idempotency_key': d.input.idempotency_key, 'tollgate.attempt': row.attempt, 'tollgate.tool.dry_run': d.input.dry_run === true,
          ...(content ? { 'gen_ai.tool.call.arguments': JSON.stringify(d.input.args) } : {}),
        }));
        break;
      case 'tool.done':
        finish('tool', row, (span, output) => {
          totals.tools++;
          span.setAttribute('http.response.status_code', output.status);
          if (content) span.setAttribute('gen_ai.tool.call.result', JSON.stringify(output.body));
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
  if (!['completed', 'waiting_approval', 'running'].includes(run.status)) root.setStatus({ code: SpanStatusCode.ERROR, message: run.reason ?? run.status });
  root.end(last);
  return finished;
}

function fail(span: Span, error: { code: string; message: string }): void {
  span.setStatus({ code: SpanStatusCode.ERROR, message: error.message });
  span.setAttribute('error.type', error.code);
}
