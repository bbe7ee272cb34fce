import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runEval } from '../../src/evals/index.ts';
import { newId } from '../../src/shared/index.ts';
import { EvalStore } from '../../src/store/index.ts';
import { WorkbenchSource } from '../../src/tui/index.ts';
import { Workbench } from '../../src/workbench/index.ts';
import { copyExampleProject } from '../support/mini-project.ts';
import { keys, lines, show, waitFor } from '../support/tui.tsx';

// Its own file: the example project's workbench intercepts HTTP with its own MSW server, which
// must not share a process with another workbench's.
describe('evals view', () => {
  let example: Workbench;
  let exampleDb: string;
  beforeAll(async () => {
    const root = copyExampleProject();
    // A loosened refund cap: the over-cap case now refunds instead of escalating — a regression.
    const policy = path.join(root, 'workflows/policies/support-default.yaml');
    writeFileSync(policy, readFileSync(policy, 'utf8').replace('args.amount <= 500', 'args.amount <= 5000'));
    exampleDb = path.join(root, '.tollgate', 'evals.db');
    example = Workbench.open(root, { dbPath: exampleDb });
    const report = await runEval(example, { cases: 'refund-request/{small-refund-auto,refund-just-over-cap,refund-needs-lead-approval}' });
    new EvalStore(example.db).save(newId('eval'), 'eval', report, null);
    source = new WorkbenchSource(example, 'bob', { dbPath: exampleDb });
  }, 60_000);
  let source: WorkbenchSource;
  afterAll(async () => {
    await source?.close();
    await example?.close();
  });

  it('lists the cases, failing first with the failing scorer, the baseline diff, and Enter opens the run', async () => {
    const ui = show(source, { initial: { name: 'evals' } });
    let frame = await waitFor(ui, 'eval report of');
    frame = await waitFor(ui, 'against the baseline');
    expect(lines(frame)[0]).toMatch(/^tollgate · Evals · eval report of \d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    expect(lines(frame)[1]).toMatch(/^2\/3 passed · gate FAILS · \$0\.000\d+\/run/);
    expect(lines(frame)[2]).toMatch(/^against the baseline: newly failing refund-request\/refund-just-over-cap · newly passing none · co/);
    expect(lines(frame)[3]).toMatch(/^› ✗ refund-request\/refund-just-over-cap +\S+ +\$0\.0000\d\d +\d+ms {2}NEWLY FAILING/);
    expect(frame).toMatch(/✓ refund-request\/small-refund-auto +resolved/);
    expect(frame).toMatch(/✗ outcome: /);
    await keys(ui, 'j');
    expect(ui.lastFrame()).toContain('✓ every scorer passed (outcome, grounding, cost, policy, safety, latency)');
    await keys(ui, 'k', '\r');
    frame = await waitFor(ui, 'tollgate · Run run_');
    expect(frame).toContain('step triage (agent)');
    await keys(ui, 'q');
    await waitFor(ui, 'against the baseline');
    ui.unmount();
  });
});

