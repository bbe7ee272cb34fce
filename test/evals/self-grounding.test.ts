import { describe, expect, it } from 'vitest';
import { SCORERS, type CaseRun } from '../../src/evals/index.ts';
import { atomsOf, type ClaimVerdict } from '../../src/grounding/index.ts';
import type { JournalRow } from '../../src/core/index.ts';

const row = (seq: number, kind: string, stepKey: string, data: unknown): JournalRow => ({ seq, kind, stepKey, attempt: 1, inputSha256: null, data, ts: seq });

/** A run whose agent wrote a summary and whose last step filed it as a ticket (a write tool that echoes it back). */
function run(summary: string, reply: (sent: { title: string; body: string }) => unknown): CaseRun {
  const args = { title: 'Needs a person', body: summary };
  const journal = [
    row(1, 'step.entered', 'triage', { step: 'triage', kind: 'agent', agent: 'triage' }),
    row(2, 'step.completed', 'triage', { output: { category: 'other', summary } }),
    row(3, 'tool.started', 'escalate', { input: { tool: 'tickets.create', args } }),
    row(4, 'tool.done', 'escalate', { output: { status: 201, body: reply(args) }, duration_ms: 1 }),
  ];
  const tools = new Map([['tickets.create', { name: 'tickets.create', side_effect: 'write' }], ['orders.get', { name: 'orders.get', side_effect: 'read' }]]);
  return {
    goldCase: { expect: { grounded: true } }, file: 'evals/gold/x.yaml', run: { event: { ticket: { text: 'My order O-1001 arrived broken.' } } }, journal, definitions: { tools },
  } as unknown as CaseRun;
}

describe('evidence is what the world said, not what a write tool echoed of the run', () => {
  it('a figure the model made up is not grounded by the ticket that repeats it', () => {
    const r = SCORERS.grounding.score(run('Customer was promised a refund of 77 USD for O-1001.', (sent) => ({ id: 'TCK-9', title: sent.title, body: sent.body })), undefined);
    expect(r.pass).toBe(false);
    expect(r.reason).toBe('"Customer was promised a refund of 77 USD for O-1001." (steps.triage.output.summary): amount "77 USD": no 77 USD for the refund in the event or any tool reply');
  });

  it('an echo inside a longer reply string is left out too; what the write tool adds of its own still counts', () => {
    const echoed = SCORERS.grounding.score(run('Refund of 77 USD promised for O-1001.', (sent) => ({ message: `Ticket created: ${sent.body}` })), undefined);
    expect(echoed.reason).toBe('"Refund of 77 USD promised for O-1001." (steps.triage.output.summary): amount "77 USD": no 77 USD for the refund in the event or any tool reply');
    const own = SCORERS.grounding.score(run('Ticket TCK-901 opened for O-1001; it is due in 2 days.', () => ({ id: 'TCK-901', due_in_days: 2 })), undefined);
    expect([own.pass, own.reason]).toEqual([true, '1 claim(s), all supported by the event or tool replies; 1 claim(s) without a figure, ID, date or name left for a judge']);
    const claims = own.details!.claims as ClaimVerdict[];
    expect(claims.flatMap((c) => c.atoms.map((a) => [a.atom.text, a.verdict === 'supported' ? a.pointer : a.verdict]))).toEqual([
      ['TCK-901', 'tickets.create (step escalate) $.id'], ['O-1001', 'event $.ticket.text'], ['2 days', 'tickets.create (step escalate) $.due_in_days'],
    ]);
  });

  it('greetings and sign-offs are not entities; a name matches whatever its case', () => {
    const clock = new Date('2026-11-24T09:00:00Z');
    expect(atomsOf('Dear Customer, your Ergo Chair refund is on its way. Kind Regards, Support Team', { clock }).map((a) => a.text)).toEqual(['Ergo Chair']);
    const r = SCORERS.grounding.score(run('Hello Customer, the Ergo Chair from O-1001 goes back. Best Wishes', () => ({ id: 'TCK-901', product: 'ergo chair' })), undefined);
    // Names alone are references: found, they leave the sentence for a judge; none is a false alarm.
    expect([r.pass, r.details!.ungrounded, r.details!.unchecked]).toEqual([true, 0, 1]);
    const wrong = SCORERS.grounding.score(run('Hello Customer, the Ergo Stool from O-1001 goes back.', () => ({ id: 'TCK-901', product: 'ergo chair' })), undefined);
    expect(wrong.reason).toBe('"Hello Customer, the Ergo Stool from O-1001 goes back." (steps.triage.output.summary): name "Ergo Stool": no name "Ergo Stool" in the event or any tool reply');
  });
});
