import { execFileSync, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { sha256Hex } from '../src/shared/index.ts';
import { copyExampleProject } from '../test/support/mini-project.ts';
import { startOllamaServer } from '../test/support/ollama-server.ts';
import { startToolServer } from '../test/support/tool-server.ts';
import type { BenchResult } from './stats.ts';

const BIN = path.resolve(import.meta.dirname, '..', 'bin', 'tollgate.js');
const EVENTS = 500;
const CONCURRENCY = 16;

/** Events per second that `tollgate serve` accepts on loopback, with POST /v1/events latency. */
export async function benchServe(): Promise<BenchResult[]> {
  const root = copyExampleProject();
  const cli = (args: string[]) => execFileSync(process.execPath, [BIN, ...args], { cwd: root, env: { ...process.env, CI: '1' }, stdio: 'pipe' });
  cli(['keys', 'generate', '--out', 'keys/k']);
  cli(['release', '--key', 'keys/k', '--out', 'dist']);
  const tools = await startToolServer(root);
  const ollama = await startOllamaServer([{ marker: 'O-1001', file: path.join(root, 'fixtures/models/refund-request/small-refund-auto.yaml') }]);
  const hosts = ['orders', 'kb', 'payments', 'mail', 'tickets', 'erp', 'runbooks', 'paging'].map((h) => `    ${h}.acme.test: ${tools.origin}/${h}.acme.test`).join('\n');
  writeFileSync(path.join(root, 'serve.yaml'), `tokens:\n  - { sha256: ${sha256Hex('bench-token')}, identity: bench, roles: [events, read] }\ntools:\n  hosts:\n${hosts}\n`);
  const serve = spawn(process.execPath, [BIN, 'serve', '--bundle', 'dist/acme-support-v1.bundle.json', '--trust', 'keys/k.pub', '--port', '0', '--state', 'state'], { cwd: root, env: { ...process.env, OLLAMA_HOST: ollama.host, TOLLGATE_LOG: 'off' } });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    serve.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /on (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    serve.on('exit', (code) => reject(new Error(`serve exited ${code}`)));
  });
  const raw = execFileSync(process.execPath, [path.join(import.meta.dirname, 'load.mjs'), url, 'bench-token', String(EVENTS), String(CONCURRENCY)], { encoding: 'utf8' });
  const figures = JSON.parse(raw) as { count: number; seconds: number; events_per_s: number; p50_ms: number; p99_ms: number };
  serve.kill('SIGTERM');
  await new Promise((resolve) => serve.once('exit', resolve));
  await tools.close();
  await ollama.close();
  return [{ name: `tollgate serve: ${EVENTS} events, ${CONCURRENCY} at once from a second process (each starts a run: agent + 4 tool calls against local mocks)`, figures: { events_per_s: figures.events_per_s, p50_ms: figures.p50_ms, p99_ms: figures.p99_ms } }];
}
