import { EffectFailed, timeoutSignal, type TimeoutHandle } from '../shared/index.ts';
import type { ToolConnector } from '../workflow/index.ts';
import { buildHttpCall } from './build-request.ts';
import { classifyFetchError, classifyHttpStatus } from './classify.ts';
import { validatorOf } from '../shared/json-schema.ts';

export interface ToolInvocation {
  readonly connector: ToolConnector;
  readonly args: Record<string, unknown>;
  /** `run_id:step_key:call`, stable across retries and resumes. */
  readonly idempotencyKey: string;
  readonly correlationId: string;
  readonly runId: string;
  readonly timeoutMs: number;
  /** Sandbox: nothing leaves; the call is recorded with what it would have sent. */
  readonly dryRun: boolean;
  readonly signal?: AbortSignal;
}

export interface ToolOutcome {
  readonly status: number;
  readonly body: unknown;
  readonly dryRun?: boolean;
}

/** What a value breaks of a JSON Schema, each with its path. */
function schemaProblems(schema: object, value: unknown, root = '(body)'): string[] {
  const validate = validatorOf(schema);
  if (validate(value)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || root} ${e.message ?? 'is invalid'}`.trim());
}

/** Rewrites connector URLs (e.g. to a local tool server in tests or live hosts in prod). */
export type UrlRewriter = (url: string) => string;


/** Checks arguments against the connector's JSON Schema; returns readable problems. */
export function validateToolArgs(connector: ToolConnector, args: unknown): string[] {
  return schemaProblems(connector.args, args, '(args)');
}

/** One HTTP attempt of a tool call. Retries belong to the caller, which journals each attempt. */
export async function sendToolRequest(
  call: ToolInvocation,
  rewrite: UrlRewriter = (u) => u,
  fetch: typeof globalThis.fetch = (input, init) => globalThis.fetch(input, init),
  /** The run's clock's timeouts (a mocked world's skip its waits). */
  timeout: (ms: number) => TimeoutHandle = timeoutSignal,
): Promise<ToolOutcome> {
  const problems = validateToolArgs(call.connector, call.args);
  if (problems.length > 0) {
    throw new EffectFailed({ code: 'TG_TOOL_ARGS_INVALID', message: `arguments for ${call.connector.name} do not match its schema: ${problems.join('; ')}`, retryable: false });
  }
  const http = buildHttpCall(call.connector, call.args);
  const headers: Record<string, string> = { accept: 'application/json', 'x-correlation-id': call.correlationId, 'x-tollgate-run-id': call.runId };
  if (call.connector.side_effect === 'write') headers['idempotency-key'] = call.idempotencyKey;
  if (http.body) headers['content-type'] = 'application/json';
  if (call.dryRun) {
    return { status: 0, dryRun: true, body: { dry_run: true, would_send: { method: http.method, url: http.url, headers, body: http.body ?? null } } };
  }
  const timer = timeout(call.timeoutMs);
  const signal = call.signal ? AbortSignal.any([call.signal, timer.signal]) : timer.signal;
  let response: Response;
  let body: unknown;
  try {
    response = await fetch(rewrite(http.url), { method: http.method, headers, body: http.body ? JSON.stringify(http.body) : null, signal });
    const text = await response.text();
    body = parseBody(text);
  } catch (error) {
    if (call.signal?.aborted) throw call.signal.reason;
    throw new EffectFailed(classifyFetchError(error, timer.signal.aborted, call.timeoutMs));
  } finally {
    timer.clear();
  }
  if (!response.ok) throw new EffectFailed(classifyHttpStatus(response.status, body, response.headers.get('retry-after')));
  const mismatch = call.connector.result ? schemaProblems(call.connector.result, body) : [];
  if (mismatch.length > 0) {
    // Not retried: the tool answered, and the same question gets the same answer. (A write it made stands; the reply is in the journal.)
    throw new EffectFailed({ code: 'TG_TOOL_RESULT_INVALID', message: `${call.connector.name} replied ${response.status} with a body that does not match its result schema: ${mismatch.join('; ')}`, retryable: false });
  }
  return { status: response.status, body };
}

function parseBody(text: string): unknown {
  if (text === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
