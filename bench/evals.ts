import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runEval } from '../src/evals/index.ts';
import { Workbench } from '../src/workbench/index.ts';
import type { BenchResult } from './stats.ts';

export const GENERATED_CASES = 1000;

/** A project with a 6-step workflow (an agent, four tool calls, an end) and 1,000 generated gold cases. */
export function generatedProject(cases = GENERATED_CASES): string {
  const root = mkdtempSync(path.join(tmpdir(), 'tollgate-bench-evals-'));
  const files: Record<string, string> = {
    'package.json': '{ "type": "module", "private": true }\n',
    'tollgate.yaml': 'name: bench\nmodels: { default: "bench:1b", routes: { low-risk: "bench:1b" }, prices: { "bench:1b": { input_per_1k: 0.0001, output_per_1k: 0.0002 } } }\n',
    'workflows/policies/open.yaml': 'id: open\nenvironments: { dev: { writes: live } }\n',
    'workflows/tools/svc.read.yaml': 'name: svc.read\ndescription: read\nside_effect: read\nargs: { type: object }\nhttp: { method: GET, url: "https://svc.bench.test/read/{id}" }\n',
    'workflows/tools/svc.write.yaml': 'name: svc.write\ndescription: write\nside_effect: write\nargs: { type: object }\nhttp: { method: POST, url: "https://svc.bench.test/write" }\n',
    'workflows/flow.yaml': `id: flow
version: 1
trigger: { event: bench }
policy: [open]
agents:
  classify:
    model: { route: low-risk }
    instructions: Classify the request.
    output: { schema: { type: object, required: [category], properties: { category: { enum: [a, b] } } } }
steps:
  - { id: classify, agent: classify, input: { text: "event.text" } }
  - { id: fetch, tool: svc.read, args: { id: "event.id" } }
  - { id: check, tool: svc.read, args: { id: "event.id + '-check'" } }
  - { id: record, tool: svc.write, args: { id: "event.id", category: "steps.classify.output.category" } }
  - { id: confirm, tool: svc.write, args: { id: "event.id", value: "steps.fetch.output.value" } }
  - { id: done, end: resolved, output: { category: "steps.classify.output.category" } }
`,
    'fixtures/models/flow.yaml': `scripted: true\nagents:\n  classify:\n    - content: '{"category":"a"}'\n`,
    'fixtures/tools/index.ts': `export function createToolWorld() {
  return { async handle(request: Request) { const url = new URL(request.url); return Response.json({ ok: true, value: url.pathname.length }); } };
}
`,
  };
  for (let i = 0; i < cases; i++) {
    files[`evals/gold/flow/case-${String(i).padStart(4, '0')}.yaml`] = `id: case-${String(i).padStart(4, '0')}
workflow: flow
event: { type: bench, id: "R-${i}", text: "request number ${i}" }
model_script: fixtures/models/flow.yaml
expect: { end: resolved, tools_called: [svc.read, svc.write], output: { category: a } }
`;
  }
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), text);
  }
  return root;
}

/** Gold cases per second offline through the whole stack (ollama client, MSW, SQLite, traces), with peak memory. */
export async function benchEvals(): Promise<BenchResult[]> {
  const root = generatedProject();
  const wb = Workbench.open(root, { dbPath: path.join(root, '.tollgate', 'bench.db') });
  const rssBefore = process.memoryUsage().rss;
  let peak = rssBefore;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const t = performance.now();
  const report = await runEval(wb, { concurrency: 8 });
  const ms = performance.now() - t;
  clearInterval(sampler);
  await wb.close();
  rmSync(root, { recursive: true, force: true });
  if (report.totals.passed !== GENERATED_CASES) throw new Error(`bench eval: ${report.totals.passed}/${GENERATED_CASES} passed`);
  return [{ name: `tollgate eval, ${GENERATED_CASES} generated gold cases (6 steps each), offline, concurrency 8`, figures: { seconds: Math.round(ms) / 1000, cases_per_s: Math.round((GENERATED_CASES / ms) * 1000 * 10) / 10, peak_rss_mb: Math.round(peak / 1e6) } }];
}
