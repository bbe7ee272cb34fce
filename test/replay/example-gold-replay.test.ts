import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replayRecording } from '../../src/replay/index.ts';
import { readRecording } from '../../src/trace/index.ts';
import { runDefinitionsFor, runGoldCase, Workbench } from '../../src/workbench/index.ts';
import { copyExampleProject } from '../support/mini-project.ts';

let wb: Workbench;
beforeAll(() => {
  const root = copyExampleProject();
  wb = Workbench.open(root, { dbPath: path.join(root, '.tollgate', 'replay.db') });
});
afterAll(async () => wb?.close());

describe('every example gold case, recorded then replayed from its trace file', () => {
  it('reports identical', async () => {
    const results: { id: string; identical: boolean; events: number }[] = [];
    for (const { value: gc } of wb.definitions.goldCases) {
      const { run } = await runGoldCase(wb, gc);
      const recording = readRecording(wb.traceFile(run.runId));
      const report = await replayRecording(recording, runDefinitionsFor(wb.definitions, gc.workflow, run.definitionsDigest));
      results.push({ id: gc.id, identical: report.identical, events: report.events });
      expect(report.events, `${gc.workflow}/${gc.id}: ${JSON.stringify("divergence" in report ? report.divergence : null).slice(0, 400)}`).toBe(recording.journal.length);
    }
    expect(results.filter((r) => !r.identical)).toEqual([]);
    expect(results.length).toBeGreaterThanOrEqual(24);
  }, 120_000);
});
