import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runEval } from '../../src/evals/index.ts';
import { OllamaModelClient } from '../../src/models/index.ts';
import { Workbench } from '../../src/workbench/index.ts';
import { copyExampleProject } from '../support/mini-project.ts';

let wb: Workbench;
beforeAll(() => {
  const root = copyExampleProject();
  wb = Workbench.open(root, { dbPath: path.join(root, '.tollgate', 'judge.db') });
});
afterAll(async () => wb?.close());

/** A judge answered through the Ollama API by a scripted reply (as a real judge model would be). */
async function judgeSaying(runId: string, verdict: object) {
  (await wb.mocks()).register(runId, { script: { scripted: true, agents: { judge: [{ content: JSON.stringify(verdict) }] } } });
  return { model: 'judge-model:8b', client: new OllamaModelClient(wb.ollamaHost, { 'x-tollgate-run-id': runId }) };
}

describe('--judge: a judge model for free-text grounding', () => {
  it('adds a judge score that agrees with the deterministic one when it finds every claim supported', async () => {
    const report = await runEval(wb, { cases: 'question-answered-from-kb', judge: await judgeSaying('judge-yes', { supported: true, unsupported_claims: [] }) });
    const c = report.cases[0]!;
    expect(c.scores.find((s) => s.scorer === 'judge')).toMatchObject({ pass: true, reason: 'judge-model:8b finds every claim supported' });
    expect(c.pass).toBe(true);
  });

  it('fails a case that must be grounded when the judge finds an unsupported claim', async () => {
    const report = await runEval(wb, { cases: 'question-answered-from-kb', judge: await judgeSaying('judge-no', { supported: false, unsupported_claims: ['refunds arrive the same day'] }) });
    const c = report.cases[0]!;
    expect(c.pass).toBe(false);
    expect(c.failed).toEqual(['judge']);
    expect(c.grounded).toBe(false);
    expect(c.scores.find((s) => s.scorer === 'judge')!.reason).toBe('judge-model:8b finds unsupported: refunds arrive the same day');
  });
});
