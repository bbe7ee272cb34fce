import { afterEach, describe, expect, it } from 'vitest';
import { OllamaModelClient } from '../../src/models/index.ts';
import { replayWithModel } from '../../src/replay/index.ts';
import { readRecording } from '../../src/trace/index.ts';
import { loadModelScript, runDefinitionsFor, type Workbench } from '../../src/workbench/index.ts';
import { openMini, startRefund } from '../support/workbench.ts';

let wb: Workbench;
afterEach(async () => wb?.close());

async function withScriptedModel(script: string) {
  const mocks = await wb.mocks();
  mocks.register('replay-model', { script: loadModelScript(wb.root, script) });
  return new OllamaModelClient(wb.ollamaHost, { 'x-tollgate-run-id': 'replay-model' });
}

describe('replay --model: a live model against recorded tools', () => {
  it('the same decisions reach the same outcome, with every tool answered from the recording', async () => {
    wb = openMini();
    const run = await startRefund(wb, 'O-1');
    const before = (await wb.mocks()).requests(run.runId).length;
    const result = await replayWithModel(readRecording(wb.traceFile(run.runId)), runDefinitionsFor(wb.definitions, 'refund', 'x'), await withScriptedModel('fixtures/models/o1.yaml'), 'other-model:1b');
    expect(result.replayed).toMatchObject({ status: 'completed', endState: 'resolved' });
    expect(result.replayed.tools).toEqual(result.recorded.tools);
    expect((await wb.mocks()).requests(run.runId).length).toBe(before);
    expect((await wb.mocks()).requests('replay-model')).toEqual([]);
  });

  it('a model that takes another path shows it; its writes are not sent', async () => {
    wb = openMini({ 'fixtures/models/other.yaml': `scripted: true\nagents:\n  triage:\n    - content: '{"category":"other","order_id":"O-1"}'\n` });
    const run = await startRefund(wb, 'O-1');
    const result = await replayWithModel(readRecording(wb.traceFile(run.runId)), runDefinitionsFor(wb.definitions, 'refund', 'x'), await withScriptedModel('fixtures/models/other.yaml'), 'other-model:1b');
    expect(result.recorded.tools).toEqual(['orders.get', 'orders.get', 'refunds.create', 'email.send']);
    expect(result.replayed).toMatchObject({ status: 'completed', endState: 'resolved', tools: [] });
  });
});
