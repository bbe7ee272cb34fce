import { http, HttpResponse, passthrough, type HttpHandler } from 'msw';
import { parseDuration, sha256Hex } from '../shared/index.ts';
import { agentFromSystemPrompt, type ModelScript } from './model-script.ts';

/** Header that names the run a request belongs to, so one process can serve many runs. */
export const RUN_HEADER = 'x-tollgate-run-id';

interface OllamaChatBody {
  model: string;
  messages: { role: string; content: string }[];
}

/** A deterministic stand-in digest for a scripted model name. */
export function scriptedDigest(model: string): string {
  return sha256Hex(`scripted:${model}`);
}

/**
 * MSW handlers that answer the Ollama HTTP API (`/api/chat`, `/api/tags`) from a script, so the
 * official client and every line of our code between the workflow and HTTP run unchanged.
 * The reply depends only on the request (agent + turn), so a resumed run gets the same answers.
 * `/api/tags` lists `models` with stand-in digests (`scriptedDigest`).
 */
export function scriptedOllamaHandlers(host: string, scriptFor: (runId: string | null) => ModelScript | undefined, models: readonly string[] = []): HttpHandler[] {
  const base = host.replace(/\/$/, '');
  return [
    http.get(`${base}/api/tags`, ({ request }) => {
      const current = scriptFor(request.headers.get(RUN_HEADER));
      if (!current) return passthrough();
      const names = [...new Set([...(current.model ? [current.model] : []), ...models])];
      return HttpResponse.json({ models: names.map((name) => ({ name, model: name, digest: scriptedDigest(name), size: 0, modified_at: '2026-01-01T00:00:00Z', details: {} })) });
    }),
    http.post(`${base}/api/chat`, async ({ request }) => {
      const current = scriptFor(request.headers.get(RUN_HEADER));
      // Runs without a script talk to the real Ollama at this host.
      if (!current) return passthrough();
      const body = (await request.json()) as OllamaChatBody;
      const agent = agentFromSystemPrompt(body.messages.find((m) => m.role === 'system')?.content);
      if (!agent) return HttpResponse.json({ error: 'scripted model: no script for this request' }, { status: 500 });
      const turns = current.agents[agent];
      const turn = body.messages.filter((m) => m.role === 'assistant').length;
      const reply = turns?.[turn];
      if (!reply) {
        return HttpResponse.json({ error: `scripted model: the script has no turn ${turn + 1} for agent "${agent}"` }, { status: 500 });
      }
      const content = reply.content ?? '';
      const promptChars = body.messages.reduce((n, m) => n + m.content.length, 0);
      return HttpResponse.json({
        model: body.model,
        created_at: '2026-01-01T00:00:00Z',
        message: {
          role: 'assistant',
          content,
          ...(reply.tool_calls ? { tool_calls: reply.tool_calls.map((c) => ({ function: { name: c.name, arguments: c.arguments } })) } : {}),
        },
        done: true,
        done_reason: 'stop',
        prompt_eval_count: reply.prompt_eval_count ?? Math.ceil(promptChars / 4),
        eval_count: reply.eval_count ?? Math.max(1, Math.ceil((content.length + JSON.stringify(reply.tool_calls ?? []).length) / 4)),
        // A declared latency is reported as Ollama reports its own time (ns), never waited for.
        total_duration: (reply.latency ? (parseDuration(reply.latency) ?? 0) : 0) * 1e6,
      });
    }),
  ];
}
