import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryCaseLog, runEval, type CaseReport, type Judge } from '../../src/evals/index.ts';
import type { ClaimVerdict } from '../../src/grounding/index.ts';
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
async function judgeSaying(runId: string, reply: object | string) {
  (await wb.mocks()).register(runId, { script: { scripted: true, agents: { judge: [{ content: typeof reply === 'string' ? reply : JSON.stringify(reply) }] } } });
  return { model: 'judge-model:8b', client: new OllamaModelClient(wb.ollamaHost, { 'x-tollgate-run-id': runId }) };
}

/** The one case's full report (the eval's own report holds summaries). */
async function evalCase(judge: Judge): Promise<CaseReport> {
  const log = new MemoryCaseLog();
  const report = await runEval(wb, { cases: 'question-answered-from-kb', judge, log });
  return log.get(report.cases[0]!.key);
}

const grounding = (c: CaseReport) => c.scores.find((s) => s.scorer === 'grounding')!;
const claims = (c: CaseReport) => grounding(c).details!.claims as ClaimVerdict[];

// question-answered-from-kb says two things: C1 the summary "Asks how long refunds take." (nothing to
// check: the judge's to decide) and C2 the answer from KB-12 (its figures found in the kb.search reply).
describe('--judge: a fenced judge decides what the deterministic check cannot read', () => {
  it('grounds a claim the judge supports with a passage the evidence holds, and says where', async () => {
    const judge = await judgeSaying('judge-yes', { verdicts: [{ claim: 'C1', verdict: 'supported', evidence: 'E1', passage: 'How long does a refund take to reach my card?' }, { claim: 'C2', verdict: 'supported', evidence: 'E2', passage: 'within 5 to 7 business days' }] });
    const c = await evalCase(judge);
    expect([c.pass, c.grounded]).toEqual([true, true]);
    expect(claims(c).map((v) => [v.claim, v.verdict, v.judgement?.effect, v.judgement?.evidence])).toEqual([
      ['Asks how long refunds take.', 'grounded', 'decided', 'E1 event'],
      ['Refunds reach the original payment method within 5 to 7 business days after we approve them.', 'grounded', 'kept', 'E2 kb.search (step triage/call1)'],
    ]);
    expect(grounding(c).details).toMatchObject({ judge: 'judge-model:8b', checked: 2, unchecked: 0 });
  });

  it('fails a case that must be grounded when the judge finds a claim unsupported, naming the claim', async () => {
    const judge = await judgeSaying('judge-no', { verdicts: [{ claim: 'C1', verdict: 'unsupported' }, { claim: 'C2', verdict: 'supported', evidence: 'E2', passage: 'within 5 to 7 business days' }] });
    const c = await evalCase(judge);
    expect([c.pass, c.failed, c.grounded]).toEqual([false, ['grounding'], false]);
    expect(grounding(c).reason).toBe('"Asks how long refunds take." (steps.triage.output.summary): the judge judge-model:8b finds it unsupported');
  });

  it('cannot invent support: "supported" without a passage the evidence holds counts as unsupported', async () => {
    const judge = await judgeSaying('judge-invents', { verdicts: [{ claim: 'C1', verdict: 'supported', evidence: 'E1', passage: 'the customer asked twice' }] });
    const c = await evalCase(judge);
    expect(grounding(c).reason).toBe('"Asks how long refunds take." (steps.triage.output.summary): the judge judge-model:8b says supported but quotes no passage the evidence holds');
  });

  it('cannot overturn what the evidence decides: an unsupported verdict on a claim whose figures are found is recorded, not applied', async () => {
    const judge = await judgeSaying('judge-disagrees', { verdicts: [{ claim: 'C1', verdict: 'supported', passage: 'How long does a refund take' }, { claim: 'C2', verdict: 'unsupported' }] });
    const c = await evalCase(judge);
    expect(c.pass).toBe(true);
    expect(claims(c)[1]!.judgement).toMatchObject({ said: 'unsupported', effect: 'kept', note: 'the judge judge-model:8b disagrees; the evidence states every atom' });
  });

  it('a reply that is not JSON leaves nothing decided: the case fails and says why', async () => {
    const judge = await judgeSaying('judge-garbled', 'Sure! Everything looks supported.');
    const c = await evalCase(judge);
    expect(c.pass).toBe(false);
    expect(grounding(c).reason).toBe('"Asks how long refunds take." (steps.triage.output.summary): the judge judge-model:8b did not reply with JSON');
  });
});
