import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse } from 'yaml';

interface Turn {
  content?: string;
  tool_calls?: { name: string; arguments: Record<string, unknown> }[];
}

/**
 * A stand-in Ollama on a real loopback port (for the production runtime, which talks to live
 * endpoints): it answers /api/chat from scripted replies, choosing the script by a marker found in
 * the conversation, the agent from the system prompt and the turn from the assistant messages.
 */
export async function startOllamaServer(scripts: ({ marker: string; file: string } | { marker: string; hang: true })[]): Promise<{ host: string; close(): Promise<void> }> {
  // A `hang` entry never answers: a model call stuck for good (shutdown tests).
  const loaded = scripts.map((s) => ({ marker: s.marker, agents: 'file' in s ? (parse(readFileSync(s.file, 'utf8')) as { agents: Record<string, Turn[]> }).agents : undefined }));
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c)).on('end', () => {
      const send = (status: number, body: unknown) => (res.writeHead(status, { 'content-type': 'application/json' }), res.end(JSON.stringify(body)));
      if (req.url === '/api/tags') return send(200, { models: [] });
      if (req.url !== '/api/chat') return send(404, { error: 'not found' });
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { model: string; messages: { role: string; content: string }[] };
      const text = body.messages.map((m) => m.content).join('\n');
      const script = loaded.find((s) => text.includes(s.marker));
      if (script && !script.agents) return;
      const agent = /You are the "([^"]+)" agent/.exec(body.messages[0]?.content ?? '')?.[1] ?? '';
      const turn = script?.agents?.[agent]?.[body.messages.filter((m) => m.role === 'assistant').length];
      if (!turn) return send(500, { error: 'no scripted reply' });
      send(200, {
        model: body.model, created_at: '2026-01-01T00:00:00Z', done: true, done_reason: 'stop', prompt_eval_count: Math.ceil(text.length / 4), eval_count: 20,
        message: { role: 'assistant', content: turn.content ?? '', ...(turn.tool_calls ? { tool_calls: turn.tool_calls.map((c) => ({ function: { name: c.name, arguments: c.arguments } })) } : {}) },
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    host: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
