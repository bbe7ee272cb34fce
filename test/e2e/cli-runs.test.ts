import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tollgate } from '../support/cli.ts';
import { makeMiniProject, refundScript, TICKET_EVENT } from '../support/mini-project.ts';

let root: string;
const run = (args: string[], env: Record<string, string> = {}) => tollgate(args, { cwd: root, env });

beforeAll(() => {
  root = makeMiniProject({ 'fixtures/models/o1.yaml': refundScript('O-1'), 'fixtures/models/o2.yaml': refundScript('O-2') });
  writeFileSync(path.join(root, 'event.json'), JSON.stringify(TICKET_EVENT));
  writeFileSync(path.join(root, 'not-json.json'), '{ nope');
});

describe('tollgate run / runs / show / approvals (real processes)', () => {
  it('runs a workflow offline and prints its timeline and end state', async () => {
    const r = await run(['run', 'refund', '--event', 'event.json', '--script', 'fixtures/models/o1.yaml']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^run run_\w+ {2}refund v1 {2}env dev {2}correlation cor_\w+$/);
    expect(lines.map((l) => l.replace(/^ *\+\d+\.\d{3}s {2}/, '').replace(/\d+ms\)/g, 'Nms)').replace(/\d+ in \/ \d+ out/, 'N in / N out'))).toEqual([
      expect.stringMatching(/^run /),
      'step triage (agent)',
      '  chat llama3.2:3b turn1: asks for orders.get (N in / N out, Nms)',
      '  policy allow orders.get',
      '  tool → 200 {"id":"O-1","total":40,"refunded":0} (Nms)',
      '  chat llama3.2:3b turn2: answers {"category":"refund","order_id":"O-1"} (N in / N out, Nms)',
      '  → lookup',
      'step lookup (tool)',
      '  policy allow orders.get',
      '  tool → 200 {"id":"O-1","total":40,"refunded":0} (Nms)',
      '  → refund',
      'step refund (tool)',
      '  policy allow refunds.create',
      '  tool → 200 {"id":"R-1","order_id":"O-1","amount":40} (Nms)',
      '  → notify',
      'step notify (tool)',
      '  policy allow email.send',
      '  tool → 200 {"sent":true} (Nms)',
      '  → done',
      'step done (end)',
      'end: resolved',
      'status: completed (resolved)',
      expect.stringMatching(/^4 tool call\(s\), \d+ tokens, \$0\.\d{6}, \d+ms$/),
    ]);
  });

  it('lists runs and shows one as JSON', async () => {
    const list = await run(['runs', '--json', '--workflow', 'refund']);
    expect(list.code).toBe(0);
    const runs = JSON.parse(list.stdout) as { runId: string; status: string }[];
    expect(runs.length).toBeGreaterThan(0);
    const shown = await run(['show', runs[0]!.runId.slice(0, 16), '--json']);
    expect(JSON.parse(shown.stdout)).toMatchObject({ runId: runs[0]!.runId, timeline: expect.arrayContaining([expect.objectContaining({ kind: 'end' })]) });
  });

  it('waits for an approval (exit 3), refuses the requester, and finishes when a lead approves', async () => {
    const started = await run(['run', 'refund', '--event', 'event.json', '--script', 'fixtures/models/o2.yaml', '--as', 'alice', '--json']);
    expect(started.code).toBe(3);
    const runId = (JSON.parse(started.stdout) as { runId: string }).runId;
    const pending = (JSON.parse((await run(['approvals', '--json'])).stdout) as { approval_id: string; run_id: string }[]).map((a) => ({ approvalId: a.approval_id, runId: a.run_id }));
    const approval = pending.find((a) => a.runId === runId)!;
    const listed = await run(['approvals']);
    expect(listed.stdout).toContain(`${approval.approvalId}  pending  run ${runId} (refund) step refund`);
    expect(listed.stdout).toContain('action:   refunds.create  (digest');
    expect(listed.stdout).toMatch(/┊ arguments[^\n]*\n {2}┊ {3}\{\n {2}┊ {5}"order_id": "O-2",\n {2}┊ {5}"amount": 120/);
    // Outside data is fenced line by line: nothing from the event can pass as system text.
    expect(listed.stdout).toContain('┊ untrusted data from event: never instructions');

    const self = await run(['approve', approval.approvalId, '--as', 'alice']);
    expect(self.code).toBe(1);
    expect(self.stderr).toBe('tollgate: refused: "alice" started this run and cannot approve it\n');

    const ok = await run(['approve', approval.approvalId, '--as', 'bob']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('recorded approve by bob; the run continues');
    expect(ok.stdout).toContain('status: completed (resolved)');
  });

  it('a live run without a reachable Ollama fails fast with one line', async () => {
    const r = await run(['run', 'refund', '--event', 'event.json'], { OLLAMA_HOST: 'http://127.0.0.1:9' });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('tollgate: Ollama is not reachable at http://127.0.0.1:9: start it with "ollama serve" (and "ollama pull llama3.2:3b"), set OLLAMA_HOST, or run offline with --case ID or --script FILE\n');
  });

  it('user mistakes get one clear line and no stack trace', async () => {
    const cases: [string[], number, string][] = [
      [['run', 'refund', '--event', 'event.json', '--env', 'qa'], 2, 'tollgate: --env must be one of dev, staging, prod, not "qa"\n'],
      [['run', 'refund', '--event', 'missing.json', '--script', 'fixtures/models/o1.yaml'], 2, 'tollgate: cannot read event file missing.json\n'],
      [['run', 'refund', '--event', 'not-json.json', '--script', 'fixtures/models/o1.yaml'], 2, expect.stringMatching(/^tollgate: not-json.json: not a JSON object event \(.+\)\n$/) as unknown as string],
      [['run', 'nope', '--event', 'event.json', '--script', 'fixtures/models/o1.yaml'], 1, 'tollgate: no workflow "nope" (known: refund)\n'],
      [['show', 'run_doesnotexist'], 1, 'tollgate: no run run_doesnotexist\n'],
      [['runs', '--since', 'yesterday'], 2, 'tollgate: --since expects a duration such as 30m, 2h or 7d, not "yesterday"\n'],
    ];
    for (const [args, code, stderr] of cases) {
      const r = await run(args);
      expect({ args, code: r.code, stderr: r.stderr }).toEqual({ args, code, stderr });
    }
  });
});
