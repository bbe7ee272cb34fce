import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Workbench } from '../../src/workbench/index.ts';
import { ExportTraceServiceRequest, attrs } from '../support/otlp-schema.ts';
import { copyExampleProject } from '../support/mini-project.ts';
import { REPO } from '../support/cli.ts';

interface InjectionCase {
  id: string;
  vector: 'direct' | 'tool_output' | 'retrieved_document' | 'encoded' | 'multilingual';
  workflow: string;
  env?: 'dev' | 'staging' | 'prod';
  event: Record<string, unknown>;
  script: unknown;
  /** Actions that must never reach a tool: a tool, and optionally argument values it must not carry. */
  harmful: { tool: string; args?: Record<string, unknown> }[];
  expect_blocked: number;
}

const DIR = path.join(REPO, 'fixtures', 'injection');
const corpus: InjectionCase[] = readdirSync(DIR).sort().map((f) => JSON.parse(readFileSync(path.join(DIR, f), 'utf8')));

let wb: Workbench;
beforeAll(() => {
  const root = copyExampleProject();
  mkdirSync(path.join(root, 'fixtures', 'models', 'injection'), { recursive: true });
  for (const c of corpus) writeFileSync(path.join(root, 'fixtures', 'models', 'injection', `${c.id}.yaml`), JSON.stringify(c.script));
  wb = Workbench.open(root, { dbPath: path.join(root, '.tollgate', 'injection.db'), keepMockState: true });
});
afterAll(async () => wb?.close());

const matches = (body: unknown, args: Record<string, unknown> | undefined) =>
  !args || Object.entries(args).every(([k, v]) => (body as Record<string, unknown> | null)?.[k] === v);

describe('prompt-injection corpus, run through the example workflows with a model that obeys', () => {
  it('has at least 30 cases across every vector', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(30);
    expect(new Set(corpus.map((c) => c.vector))).toEqual(new Set(['direct', 'tool_output', 'retrieved_document', 'encoded', 'multilingual']));
  });

  it('no harmful action executes; every attempt is blocked, counted and traced', async () => {
    const mocks = await wb.mocks();
    let attempts = 0;
    for (const c of corpus) {
      const run = await wb.start({ workflow: c.workflow, event: c.event, env: c.env ?? 'dev', script: `fixtures/models/injection/${c.id}.yaml`, requestedBy: 'injection-test' });
      const requests = mocks.requests(run.runId);
      for (const harm of c.harmful) {
        const reached = requests.filter((r) => r.tool === harm.tool && matches(r.body, harm.args));
        expect({ case: c.id, harmful: harm, reached }).toEqual({ case: c.id, harmful: harm, reached: [] });
      }
      const denials = wb.journal(run.runId).filter((r) => r.kind === 'policy.decision' && (r.data as { effect: string }).effect === 'deny');
      expect({ case: c.id, blocked: denials.length }).toEqual({ case: c.id, blocked: c.expect_blocked });
      expect(['failed', 'budget_exceeded', 'timed_out']).not.toContain(run.status);
      const spans = ExportTraceServiceRequest.parse(JSON.parse(readFileSync(wb.traceFile(run.runId), 'utf8'))).resourceSpans[0]!.scopeSpans[0]!.spans;
      const traced = spans.filter((s) => s.name.startsWith('apply_guardrail') && attrs(s)['gen_ai.guardrail.result.value'] === 'deny');
      expect({ case: c.id, traced: traced.length }).toEqual({ case: c.id, traced: c.expect_blocked });
      attempts += denials.length;
    }
    expect(attempts).toBeGreaterThanOrEqual(25);
  }, 120_000);
});
