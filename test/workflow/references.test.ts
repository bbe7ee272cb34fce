import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readProject } from '../../src/project/index.ts';
import { formatDiagnostic } from '../../src/workflow/index.ts';
import { runGoldCase, Workbench } from '../../src/workbench/index.ts';
import { editedExampleProject, type FileEdits } from '../support/mini-project.ts';

const REFUND = 'workflows/refund-request.yaml';

/** A copy of the example project with `edits` applied, and its validate errors. */
function errorsAfter(edits: FileEdits): { root: string; errors: string[] } {
  const root = editedExampleProject(edits);
  return { root, errors: readProject(root).diagnostics.map(formatDiagnostic) };
}

describe('what expressions read is checked against the step graph and the declared shapes', () => {
  it('the example project reads nothing that can be missing (its transitions test with has())', () => {
    expect(errorsAfter({}).errors).toEqual([]);
  });

  it('an end step reading a step that is skipped on some path to it', () => {
    // The report: "escalated" is reached from triage too, before any refund.
    const { errors } = errorsAfter({ [REFUND]: [['  - id: escalated\n    end: escalated', '  - id: escalated\n    end: escalated\n    output: { refund: "steps.refund.output.id" }']] });
    expect(errors).toEqual([expect.stringMatching(/^workflows\/refund-request\.yaml:\d+:\d+: error TG_STEP_MAY_NOT_HAVE_RUN: CEL: step "refund" has not run on every path to step "escalated", so steps\.refund can be missing: test it first, e\.g\. has\(steps\.refund\) \? … : …, in "steps\.refund\.output\.id"$/)]);
    const guarded = errorsAfter({ [REFUND]: [['  - id: escalated\n    end: escalated', `  - id: escalated\n    end: escalated\n    output: { refund: "has(steps.refund) ? steps.refund.output.id : 'none'" }`]] });
    expect(guarded.errors).toEqual([]);
  });

  it('a field the connector\'s result does not declare, with the nearest name', () => {
    const { errors } = errorsAfter({ [REFUND]: [['string(steps.refund.output.amount)', 'string(steps.refund.output.refund_amount)']] });
    expect(errors).toEqual([expect.stringMatching(/^workflows\/refund-request\.yaml:\d+:\d+: error TG_UNKNOWN_FIELD: CEL: steps\.refund\.output has no field "refund_amount" \(the result of refunds\.create declares: id, order_id, amount, currency, status\): did you mean "amount"\? in /)]);
  });

  it('an optional field of an agent\'s output, read where no transition tested it', () => {
    const { errors } = errorsAfter({ [REFUND]: [["output.category == \"question\" && has(output.answer)", 'output.category == "question"']] });
    expect(errors).toEqual([expect.stringMatching(/^workflows\/refund-request\.yaml:\d+:\d+: error TG_OPTIONAL_FIELD: CEL: steps\.triage\.output\.answer is optional in the output schema of agent "triage", so it can be missing: test it first, e\.g\. has\(steps\.triage\.output\.answer\)/)]);
  });

  it('a reply that does not match the connector\'s result is a tool error with the path, not retried', async () => {
    const { root, errors } = errorsAfter({ 'workflows/tools/orders.get.yaml': [['required: [id, customer_email, status, items, total, currency, refunded_total]', 'required: [id, customer_email, status, items, total, currency, refunded_total, loyalty_tier]']] });
    expect(errors).toEqual([]);
    const wb = Workbench.open(root, { dbPath: path.join(root, '.tollgate', 'r.db'), traces: false });
    try {
      const gc = wb.definitions.goldCases.find((c) => c.value.id === 'small-refund-auto')!.value;
      const { run } = await runGoldCase(wb, gc);
      const done = wb.journal(run.runId).filter((r) => r.kind === 'tool.done' && (r.data as { error?: { code: string } }).error);
      expect(done.map((r) => (r.data as { error: { code: string; message: string } }).error)).toEqual([
        expect.objectContaining({ code: 'TG_TOOL_RESULT_INVALID', message: "orders.get replied 200 with a body that does not match its result schema: (body) must have required property 'loyalty_tier'" }),
      ]);
      expect(run.status).not.toBe('completed');
    } finally {
      await wb.close();
    }
  });
});
