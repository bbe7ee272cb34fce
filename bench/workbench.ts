import path from 'node:path';
import { Workbench } from '../src/workbench/index.ts';
import { makeMiniProject, refundScript, TICKET_EVENT } from '../test/support/mini-project.ts';
import { percentile, type BenchResult } from './stats.ts';

/** A scripted agent run through the whole workbench: the ollama client, MSW, policy, SQLite. */
export async function benchWorkbench(): Promise<BenchResult[]> {
  const root = makeMiniProject({ 'fixtures/models/o1.yaml': refundScript('O-1') });
  const wb = Workbench.open(root, { dbPath: path.join(root, '.tollgate', 'bench.db') });
  const run = () => wb.start({ workflow: 'refund', event: TICKET_EVENT, script: 'fixtures/models/o1.yaml' });
  for (let i = 0; i < 20; i++) await run();
  const ms: number[] = [];
  for (let i = 0; i < 200; i++) {
    const t = performance.now();
    const r = await run();
    if (r.endState !== 'resolved') throw new Error(`bench run ended ${r.status}`);
    ms.push(performance.now() - t);
  }
  await wb.close();
  return [{ name: 'workbench run: agent (2 model turns) + 4 tool calls over MSW, scripted Ollama', figures: { median_ms: percentile(ms, 50), p99_ms: percentile(ms, 99) } }];
}
