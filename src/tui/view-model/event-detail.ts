import type { ChatMessage, ChatReply, ChatRequest } from '../../core/index.ts';
import { costOf } from '../../core/index.ts';
import type { ReplayDivergence } from '../../replay/index.ts';
import { changeLines } from '../../replay/change-lines.ts';
import type { JournalRow } from '../../core/index.ts';
import type { ProjectConfig } from '../../workflow/index.ts';
import type { TimelineLine } from './timeline.ts';
import { jsonLines, untrustedLines, usd } from './text.ts';

type Prices = ProjectConfig['models']['prices'];
type Data = Record<string, any>;

const FENCE_OPEN = '<<untrusted_data>>';
const FENCE_CLOSE = '<</untrusted_data>>';

/**
 * What an opened event shows, as lines: what the agent saw (each message marked trusted or
 * untrusted), what it answered, tool arguments and results, the policy rule and its reason,
 * tokens, cost and latency. Everything comes from the journal, which holds tokenised values only.
 */
export function eventDetail(line: TimelineLine, rows: readonly JournalRow[], prices: Prices): string[] {
  if (line.type === 'divergence') return divergenceDetail(line.divergence);
  const row = line.entry.row;
  const d = row.data as Data;
  const head = `${row.kind}  step ${row.stepKey}  journal row ${row.seq} of ${rows.length}  attempt ${row.attempt}${line.afterDivergence ? '  (after the divergence: as recorded)' : ''}`;
  const started = startedRowOf(rows, row);
  switch (row.kind) {
    case 'model.done':
      return [head, ...modelDetail(d, (started?.data as Data | undefined)?.input as ChatRequest | undefined, prices)];
    case 'tool.done':
    case 'tool.started':
      return [head, ...toolDetail(row.kind === 'tool.done' ? d : {}, ((started ?? row).data as Data).input)];
    case 'policy.decision':
      return [
        head,
        `effect:  ${d.effect}${d.dryRun ? ' (sandbox: the write is recorded, nothing is sent)' : ''}`,
        `tool:    ${d.tool}`,
        `policy:  ${d.policy ?? '—'}   rule: ${d.ruleId ?? '—'}`,
        `reason:  ${d.reason}`,
        ...(d.approval ? [`needs:   ${d.approval.approvers} approver(s)${d.approval.role ? ` with role ${d.approval.role}` : ''}`] : []),
        'arguments:',
        ...jsonLines(d.args),
      ];
    case 'approval.requested':
      return [head, `approval ${d.approval_id}`, `why:     ${d.reason}`, `needs:   ${d.approvers} approver(s)${d.role ? ` with role ${d.role}` : ''}`, `action digest: ${d.action_digest}`];
    case 'approval.done':
      return [head, ...(d.error ? [`failed: ${d.error.message}`] : [`status:  ${d.output.status}`, `by:      ${(d.output.approvers ?? []).join(', ') || '—'}`, ...(d.output.reason ? [`reason:  ${d.output.reason}`] : []), ...(d.output.args ? ['edited arguments:', ...jsonLines(d.output.args)] : [])]), `waited:  ${d.duration_ms} ms`];
    default:
      return [head, ...jsonLines(d, '')];
  }
}

function startedRowOf(rows: readonly JournalRow[], done: JournalRow): JournalRow | undefined {
  const kind = done.kind.replace(/\.done$/, '.started');
  for (let i = done.seq - 2; i >= 0; i--) {
    const r = rows[i];
    if (r && r.kind === kind && r.stepKey === done.stepKey) return r;
  }
  return undefined;
}

function modelDetail(d: Data, request: ChatRequest | undefined, prices: Prices): string[] {
  const lines: string[] = [];
  if (d.error) lines.push(`the call failed: ${d.error.code} ${d.error.message} (${d.duration_ms} ms)`);
  const reply = d.output as ChatReply | undefined;
  if (reply) {
    const cost = costOf(prices, reply.model, reply.inputTokens, reply.outputTokens);
    lines.push(`model ${reply.model} · ${reply.inputTokens} in / ${reply.outputTokens} out tokens · ${usd(cost)} · ${d.duration_ms} ms · finish ${reply.finishReason}`);
  }
  if (request) {
    lines.push('', `WHAT THE AGENT SAW (${request.messages.length} messages; ┊ marks untrusted data)`);
    for (const m of request.messages) lines.push(...messageLines(m));
    if (request.tools.length) lines.push(`  tools offered: ${request.tools.map((t) => t.function.name).join(', ')}`);
  }
  if (reply) {
    lines.push('', 'WHAT IT ANSWERED');
    for (const call of reply.message.tool_calls ?? []) lines.push(`  calls ${call.function.name} ${JSON.stringify(call.function.arguments)}`);
    if (reply.message.content) lines.push(...reply.message.content.split('\n').map((l) => `  ${l}`));
  }
  return lines;
}

/** A message with its trust: our own instructions are trusted; fenced data and tool output are not. */
function messageLines(m: ChatMessage): string[] {
  const fenced = m.content.split('\n').includes(FENCE_OPEN);
  const trust = m.role === 'tool' || fenced ? 'untrusted' : m.role === 'assistant' ? 'model output' : 'trusted';
  const lines = [`  [${m.role}${m.tool_name ? ` ${m.tool_name}` : ''} · ${trust}]`];
  let inside = m.role === 'tool' && !fenced;
  for (const text of m.content.split('\n')) {
    if (text === FENCE_OPEN) inside = true;
    lines.push(`  ${inside ? '┊' : ' '} ${text}`);
    if (text === FENCE_CLOSE) inside = m.role === 'tool' && !fenced;
  }
  for (const call of m.tool_calls ?? []) lines.push(`    calls ${call.function.name} ${JSON.stringify(call.function.arguments)}`);
  return lines;
}

function toolDetail(d: Data, input: Data | undefined): string[] {
  const lines: string[] = [];
  if (input) lines.push(`tool ${input.tool}${input.dry_run ? ' (sandbox dry run)' : ''} · idempotency key ${input.idempotency_key}`, 'arguments:', ...jsonLines(input.args));
  if (d.error) lines.push(`failed: ${d.error.code} ${d.error.message}${d.error.retryable ? ' (retryable)' : ''} · ${d.duration_ms} ms`);
  if (d.output) lines.push(`result: ${d.output.dryRun ? 'dry run' : `HTTP ${d.output.status}`} · ${d.duration_ms} ms · untrusted (tool output)`, ...untrustedLines(jsonLines(d.output.body)));
  if (!d.error && !d.output) lines.push('(no result recorded: the call was in flight)');
  return lines;
}

function divergenceDetail(d: ReplayDivergence): string[] {
  return [`The replay diverged at event ${d.seq} (step ${d.step}).`, `  recorded: ${d.recorded.kind} ${d.recorded.stepKey}`, `  now:      ${d.decided.kind} ${d.decided.stepKey}`, '', 'DIFF (- recorded, + now)', ...changeLines(d.changes, 2)];
}
