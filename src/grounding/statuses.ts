import type { Token } from './tokens.ts';

/** A status asserted of something ("O-1007 has shipped", "PO-50004 is not closed"). */
export interface StatusMention {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /** Normalised: "canceled" → "cancelled". */
  readonly status: string;
  readonly negated: boolean;
}

export const STATUS: Record<string, string> = {
  delivered: 'delivered', shipped: 'shipped', cancelled: 'cancelled', canceled: 'cancelled', pending: 'pending', processing: 'processing', returned: 'returned',
  refunded: 'refunded', open: 'open', closed: 'closed', paid: 'paid', unpaid: 'unpaid', overdue: 'overdue', approved: 'approved', rejected: 'rejected',
  failed: 'failed', succeeded: 'succeeded', resolved: 'resolved', expired: 'expired', active: 'active', dispatched: 'shipped', transit: 'in transit',
};
/** Statuses that exclude each other, by the kind of thing they describe: an order is delivered or shipped, not both. */
export const STATUS_FAMILIES: readonly (readonly string[])[] = [
  ['delivered', 'shipped', 'in transit', 'cancelled', 'processing', 'returned'],
  ['open', 'closed'],
  ['pending', 'succeeded', 'failed', 'cancelled'],
  ['paid', 'unpaid', 'overdue'],
  ['approved', 'rejected'],
];
/** Two statuses one record could be in, so one excludes the other. */
export const comparable = (a: string, b: string) => a === b || STATUS_FAMILIES.some((f) => f.includes(a) && f.includes(b));
/** A status that implies another: a delivered order has shipped. */
export const implies = (status: string, other: string) => status === other || (status === 'delivered' && other === 'shipped') || (status === 'in transit' && other === 'shipped');

/** Words that link a subject to its status ("is", "has been", "was already"). */
const LINK = /^(?:is|was|are|were|has|have|had|been|be|being|already|now|still|yet|not|never|fully|in|n't|isn't|wasn't|hasn't|haven't|aren't|weren't|hadn't|got|become|became|marked|as|shows|status|:)$/;
const NEGATION = /^(?:not|never|no|isn't|wasn't|hasn't|haven't|aren't|weren't|hadn't|didn't|doesn't|don't)$/;

/**
 * Statuses a text asserts: a status word after a linking verb ("is closed", "has not been delivered",
 * "status: shipped") or right after an identifier ("O-1007 shipped"). A status word used otherwise
 * ("open a ticket", "pending your reply") is not an assertion.
 */
export function statusesIn(tokens: readonly Token[]): StatusMention[] {
  const out: StatusMention[] = [];
  tokens.forEach((t, i) => {
    const status = STATUS[t.lower];
    if (!status) return;
    let j = i - 1;
    let negated = false;
    while (j >= 0 && LINK.test(tokens[j]!.lower)) {
      if (NEGATION.test(tokens[j]!.lower)) negated = true;
      j--;
    }
    // "Nothing has been refunded", "none was delivered": the subject itself denies it.
    if (j >= 0 && /^(?:nothing|none|neither)$/.test(tokens[j]!.lower)) negated = true;
    // Identifiers are blanked before this runs, leaving a gap: a status right after one is said of it.
    const gap = t.start - (i > 0 ? tokens[i - 1]!.end : 0);
    if (j === i - 1 && gap <= 1) return;
    out.push({ start: t.start, end: t.end, text: t.text, status, negated });
  });
  return out;
}
