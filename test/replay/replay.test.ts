import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunDefinitions } from '../../src/engine/index.ts';
import { replayRecording } from '../../src/replay/index.ts';
import { readRecording } from '../../src/trace/index.ts';
import { runDefinitionsFor, type Workbench } from '../../src/workbench/index.ts';
import { openMini, startRefund } from '../support/workbench.ts';
import { MINI_FILES } from '../support/mini-project.ts';

let wb: Workbench;
afterEach(async () => wb?.close());

const currentDefs = (): RunDefinitions => structuredClone(runDefinitionsFor(wb.definitions, 'refund', 'sha256:test'));

describe('replay of recorded runs', () => {
  it('every recorded run replays identically from its trace file alone', async () => {
    wb = openMini();
    const runs = [
      await startRefund(wb, 'O-1'),
      await startRefund(wb, 'O-4'),
      await startRefund(wb, 'O-1', { faults: [{ tool: 'refunds.create', status: 503, times: 1 }] }),
      await startRefund(wb, 'O-1', { faults: [{ tool: 'email.send', status: 422, times: 1 }] }),
    ];
    const waiting = await startRefund(wb, 'O-3');
    const approval = wb.approvals.list({ status: 'pending', runId: waiting.runId })[0]!;
    await wb.decide(approval.approvalId, 'bob', 'approve');
    runs.push((await wb.decide(approval.approvalId, 'carol', 'approve')).run!);
    expect(runs.map((r) => r.status)).toEqual(['completed', 'failed', 'completed', 'compensated', 'completed']);
    for (const run of runs) {
      const report = await replayRecording(readRecording(wb.traceFile(run.runId)), currentDefs());
      expect({ run: run.runId, identical: report.identical }).toEqual({ run: run.runId, identical: true });
      if (report.identical) expect(report.result.status).toBe(run.status);
    }
  });

  it('a changed policy threshold diverges at the policy decision of the refund step', async () => {
    wb = openMini();
    const run = await startRefund(wb, 'O-1');
    const defs = currentDefs();
    (defs.policies[0]!.constraints[0] as { rule: string }).rule = 'args.amount <= 30';
    const report = await replayRecording(readRecording(wb.traceFile(run.runId)), defs);
    expect(report.identical).toBe(false);
    if (report.identical) return;
    expect(report.divergence).toMatchObject({ step: 'refund', recorded: { kind: 'policy.decision', stepKey: 'refund' }, decided: { kind: 'policy.decision', stepKey: 'refund' } });
    const removed = report.divergence.changes.filter((c) => c.removed).map((c) => c.value).join('');
    const added = report.divergence.changes.filter((c) => c.added).map((c) => c.value).join('');
    expect(removed).toContain('"effect": "allow"');
    expect(added).toContain('"effect": "deny"');
    expect(added).toContain('Refunds over $500 need a person');
  });

  it('a changed transition diverges where the next step is chosen', async () => {
    wb = openMini();
    const run = await startRefund(wb, 'O-1');
    const defs = currentDefs();
    const triage = defs.workflow.steps[0] as { next: { when?: string; to: string }[] };
    triage.next[0]!.when = 'output.category == "other"';
    const report = await replayRecording(readRecording(wb.traceFile(run.runId)), defs);
    expect(report.identical).toBe(false);
    if (report.identical) return;
    expect(report.divergence).toMatchObject({ step: 'triage', recorded: { kind: 'transition', stepKey: 'triage' } });
    expect(report.divergence.changes.filter((c) => c.removed).map((c) => c.value).join('')).toContain('"to": "lookup"');
    expect(report.divergence.changes.filter((c) => c.added).map((c) => c.value).join('')).toContain('"to": "done"');
  });

  it('a changed prompt diverges at the first model call, with a word diff of the prompt', async () => {
    wb = openMini();
    const run = await startRefund(wb, 'O-1');
    const defs = currentDefs();
    defs.workflow.agents.triage!.instructions = 'Classify the ticket. Be terse.';
    const report = await replayRecording(readRecording(wb.traceFile(run.runId)), defs);
    expect(report.identical).toBe(false);
    if (report.identical) return;
    expect(report.divergence).toMatchObject({ seq: 3, step: 'triage', recorded: { kind: 'model.started', stepKey: 'triage/turn1' } });
    expect(report.divergence.changes.filter((c) => c.added).map((c) => c.value).join('')).toContain('Be terse.');
  });

  it('a corrupted recording (a tool reply edited) is caught, not replayed silently', async () => {
    wb = openMini();
    const run = await startRefund(wb, 'O-1');
    const recording = readRecording(wb.traceFile(run.runId));
    const lookup = recording.journal.find((r) => r.kind === 'tool.done' && r.stepKey === 'lookup')!;
    (lookup.data as { output: { body: { total: number } } }).output.body.total = 4000;
    const report = await replayRecording(recording, currentDefs());
    expect(report.identical).toBe(false);
    if (report.identical) return;
    expect(report.divergence.decided).toMatchObject({ kind: 'step.completed', stepKey: 'lookup' });
  });
});

describe('PII canaries', () => {
  it('never appear in the database file, the trace file or the model requests, while the tool that needs them gets them', async () => {
    const canary = { email: 'canary.7f3a@leak-test.example', card: '4111111111111111', iban: 'DE89370400440532013000', key: 'sk_live_CANARYabcdef0123456789' };
    const reply = { replyEmail: 'reply.canary.91c2@leak-test.example', replyCard: '5555555555554444', replyIban: 'GB29NWBK60161331926819', replyToken: 'ghp_CANARYabcdefghijklmnopqrstuvwxyz012345' };
    wb = openMini({
      // The order lookup also answers with PII and a secret: tool replies are tokenised too.
      'fixtures/tools/index.ts': MINI_FILES['fixtures/tools/index.ts']!.replace(
        "'O-1': { id: 'O-1', total: 40, refunded: 0 },",
        `'O-1': { id: 'O-1', total: 40, refunded: 0, buyer_email: '${reply.replyEmail}', card_on_file: '${reply.replyCard}', payout_iban: '${reply.replyIban}', note: 'token ${reply.replyToken}' } as never,`,
      ),
      'fixtures/models/o1.yaml': `scripted: true
agents:
  triage:
    - tool_calls: [{ name: orders.get, arguments: { order_id: O-1 } }]
    - content: '{"category":"refund","order_id":"O-1"}'
`,
    });
    const run = await wb.start({
      workflow: 'refund', script: 'fixtures/models/o1.yaml', requestedBy: 'alice',
      event: { type: 'ticket.created', ticket: { id: 'T-9', email: canary.email, text: `Refund please. My card ${canary.card}, IBAN ${canary.iban}, our key ${canary.key}. Write to ${canary.email}.` } },
    });
    expect(run.endState).toBe('resolved');
    const mocks = await wb.mocks();
    const email = mocks.requests(run.runId).find((r) => r.tool === 'email.send')!;
    expect(email.body).toEqual({ to: canary.email, subject: 'Your refund' });

    const modelBodies = JSON.stringify(mocks.modelRequests(run.runId));
    expect(modelBodies).toContain('<EMAIL_ADDRESS_1>');
    expect(modelBodies).toContain('<CREDIT_CARD_2>');
    expect(modelBodies).toContain('<API_KEY_2>');
    const dbDir = path.dirname(path.join(wb.root, '.tollgate', 'test.db'));
    const dbBytes = readdirSync(dbDir).filter((f) => f.startsWith('test.db')).map((f) => readFileSync(path.join(dbDir, f)).toString('latin1')).join('');
    const trace = readFileSync(wb.traceFile(run.runId), 'utf8');
    const logs = readFileSync(path.join(dbDir, 'logs', 'tollgate.jsonl'), 'utf8');
    const lines = logs.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.run_id === run.runId);
    expect(lines.length).toBeGreaterThan(5);
    for (const line of lines) expect(line).toMatchObject({ correlation_id: run.correlationId, trace_id: expect.stringMatching(/^[0-9a-f]{32}$/) });
    for (const [name, value] of Object.entries({ ...canary, ...reply })) {
      expect(logs.includes(value), `${name} in the logs`).toBe(false);
      expect(dbBytes.includes(value), `${name} in the database`).toBe(false);
      expect(trace.includes(value), `${name} in the trace`).toBe(false);
      expect(modelBodies.includes(value), `${name} sent to the model`).toBe(false);
    }
    const report = await replayRecording(readRecording(wb.traceFile(run.runId)), currentDefs());
    expect(report.identical).toBe(true);
  });
});
