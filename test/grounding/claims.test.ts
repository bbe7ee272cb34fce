import { describe, expect, it } from 'vitest';
import { groundClaims, type Source } from '../../src/grounding/index.ts';

const clock = new Date('2026-11-24T09:00:00Z');
const order = {
  id: 'O-1005', customer_email: 'david.cohen@example.com', status: 'delivered', total: 501.01, currency: 'USD', refunded_total: 0, placed_at: '2026-11-02',
  items: [{ sku: 'LT-140', name: 'Laptop stand', qty: 1, price: 79 }, { sku: 'DK-900', name: 'Docking station', qty: 1, price: 422.01 }],
};
const kb = { results: [
  { id: 'KB-31', title: 'Return shipping', body: 'Return shipping is free within 30 days of delivery. Print the label from your order page.' },
  { id: 'KB-47', title: 'Warranty claims', body: 'Hardware carries a 2-year warranty. Send the serial number and a photo of the fault.' },
] };
const alert = { id: 'AL-504', service: 'edge-proxy', description: 'TLS certificate for edge-proxy expires in 12 days. Disk usage on search-indexer-2 is 87% (threshold 85%).', fired_at: '2026-11-24T03:14:00Z' };
const sources: Source[] = [
  { label: 'event', value: { ticket: { id: 'T-1', text: 'My docking station overheats, order O-1005. I was charged twice.', customer_email: '<EMAIL_ADDRESS_1>' }, alert } },
  { label: 'orders.get (step lookup)', value: order },
  { label: 'kb.search (step triage/call1)', value: kb },
];

/** The verdict on one sentence, and what each atom found or looked for. */
function check(text: string, names: string[] = []) {
  const [v] = groundClaims([{ source: 'steps.triage.output.answer', text }], sources, { clock, names });
  return { verdict: v!.verdict, atoms: v!.atoms.map((a) => `${a.atom.kind}:${a.atom.text}=${a.verdict === 'supported' ? a.pointer : a.verdict === 'unsupported' ? `missing ${a.lookedFor}` : 'unchecked'}`) };
}
const verdict = (text: string, names?: string[]) => check(text, names).verdict;

describe('claims are checked for what they assert, normalised before matching', () => {
  it('amounts: any currency spelling, to the cent; a hedge allows 5%; another currency is another amount', () => {
    expect(check('Order O-1005 came to $501.01.').atoms).toEqual(['id:O-1005=event $.ticket.text', 'amount:$501.01=orders.get (step lookup) $.total']);
    expect(['501.01 dollars', 'USD 501.01', '501.01 USD'].map((a) => verdict(`The total is ${a}.`))).toEqual(['grounded', 'grounded', 'grounded']);
    expect(verdict('The total is 501 USD.')).toBe('ungrounded');
    expect(verdict('The total is about 500 USD.')).toBe('grounded');
    expect(verdict('The total is about 450 USD.')).toBe('ungrounded');
    expect(verdict('The total is 501.01 EUR.')).toBe('ungrounded');
  });

  it('number words, small whole numbers and ranges are figures too', () => {
    expect(verdict('Returns are free within thirty days.')).toBe('grounded');
    expect(verdict('Returns are free within three days.')).toBe('ungrounded');
    expect(verdict('You bought 2 items.')).toBe('grounded');
    expect(verdict('You bought 3 items.')).toBe('ungrounded');
    expect(verdict('The customer was charged two times.')).toBe('grounded');
  });

  it('units convert: 24 months is a 2-year warranty, 288 hours is 12 days', () => {
    expect(verdict('The warranty lasts 24 months.')).toBe('grounded');
    expect(verdict('The warranty lasts 18 months.')).toBe('ungrounded');
    expect(verdict('The certificate expires in 288 hours.')).toBe('grounded');
  });

  it('attribution: a figure must be stated of the same thing', () => {
    // The issue's example: a 30-day window is no 30 USD total.
    expect(check('The order total was 30 USD.').atoms).toEqual(['amount:30 USD=missing 30 USD for the total']);
    expect(verdict('Order O-1005 totals 79 USD.')).toBe('ungrounded'); // 79 is the laptop stand's price
    expect(verdict('The docking station cost 79 USD.')).toBe('ungrounded');
    expect(verdict('The laptop stand cost 79 USD.')).toBe('grounded');
    expect(verdict('Disk usage is at 85%.')).toBe('ungrounded'); // 85% is the threshold
    expect(verdict('Disk usage is at 87%.')).toBe('grounded');
    expect(verdict('Return shipping is free within 2 years of delivery.')).toBe('ungrounded'); // the warranty's
  });

  it('dates in any common format, and relative dates against the run clock', () => {
    expect(['2 November 2026', 'Nov 2, 2026', '2026-11-02', '2.11.2026'].map((d) => verdict(`The order was placed on ${d}.`))).toEqual(['grounded', 'grounded', 'grounded', 'grounded']);
    expect(verdict('The order was placed on 3 Nov 2026.')).toBe('ungrounded');
    expect(verdict('The certificate expires on December 6.')).toBe('grounded'); // 12 days after the alert fired
    expect(verdict('The alert fired about 6 hours ago.')).toBe('grounded');
    expect(verdict('The alert fired 2 hours ago.')).toBe('ungrounded');
  });

  it('identifiers with or without their prefix; placeholders and addresses as written', () => {
    expect(verdict('Order #1005 is on its way back.')).not.toBe('ungrounded');
    expect(check('Order #1006 is on its way back.').atoms).toEqual(['id-fragment:Order #1006=missing identifier ending in 1006']);
    expect(verdict('We wrote to <EMAIL_ADDRESS_1> and to <EMAIL_ADDRESS_2>.')).toBe('ungrounded');
    expect(verdict('The refund goes to david.cohen@example.com today.')).not.toBe('ungrounded');
  });

  it('names in any case; greetings and sign-offs are not names; a product the evidence never mentions is', () => {
    expect(verdict('Dear Customer, your Docking Station costs 422.01 USD. Kind Regards, Support Team')).toBe('grounded');
    expect(verdict('The docking station costs 422.01 USD.')).toBe('grounded');
    expect(check('Your wireless mouse costs 422.01 USD.').atoms).toContain('name:wireless mouse=missing name "wireless mouse"');
    expect(verdict('Thank You For Your Patience, the docking station refund is 422.01 USD.')).toBe('grounded');
  });

  it('statuses and negations of the record a claim names', () => {
    expect(verdict('O-1005 has been delivered.')).toBe('grounded');
    expect(verdict('O-1005 has not been delivered yet.')).toBe('ungrounded');
    expect(verdict('O-1005 is still in transit.')).toBe('ungrounded');
    expect(verdict('The order was not refunded before.')).toBe('grounded');
    // Without an ID or a record the claim names, a status is the judge's to read.
    expect(verdict('Shipping costs are not refunded.')).toBe('unchecked');
  });

  it('claims with nothing to check, or only names that exist, are left for a judge', () => {
    expect(verdict('We will refund you as soon as the item is back.')).toBe('unchecked');
    expect(verdict('Your docking station will be repaired.')).toBe('unchecked');
    expect(groundClaims([{ source: 'x', text: 'Hello!' }], sources, { clock })).toEqual([]);
  });
});
