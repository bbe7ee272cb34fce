import picomatch from 'picomatch';
import type { PolicyPack } from '../workflow/index.ts';
import type { ToolRequest } from './decision.ts';
import { policyVars, type RuleObserver } from './evaluate-tool-call.ts';
import { evaluateRule } from './rules.ts';

/** A reply that breaks a result rule: withheld from the model and later steps, or the run escalates. */
export interface ResultViolation {
  readonly effect: 'withhold' | 'escalate';
  readonly policy: string;
  readonly ruleId: string;
  readonly reason: string;
}

/**
 * Data ownership, pure: the packs' rules over a tool's reply (`result`) with its arguments and
 * the run's event, e.g. "the order's customer is the ticket's author". A rule that cannot be
 * evaluated does not hold (fails closed); escalate outranks withhold.
 */
export function evaluateToolResult(request: ToolRequest, result: unknown, packs: readonly PolicyPack[], observe?: RuleObserver): ResultViolation | undefined {
  let found: ResultViolation | undefined;
  const vars = { ...policyVars(request), result: result ?? {} };
  for (const p of packs) {
    p.results.forEach((r, i) => {
      if (!picomatch.isMatch(request.tool, r.tool, { dot: true })) return;
      const verdict = evaluateRule(r.rule, vars, 'result');
      observe?.(p, { kind: 'result', index: i }, verdict.holds ? 'holds' : r.on_violation === 'escalate' ? 'escalated' : 'withheld');
      if (verdict.holds) return;
      if (found?.effect === 'escalate') return;
      found = {
        effect: r.on_violation, policy: `${p.id}@${p.version}`, ruleId: `results:${r.id ?? i}`,
        reason: `${r.message ?? `rule "${r.rule}" does not hold for the reply of ${request.tool}`}${verdict.error ? ` (${verdict.error})` : ''}`,
      };
    });
  }
  return found;
}
