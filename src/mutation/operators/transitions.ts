import { editYaml } from '../yaml-edit.ts';
import { workflowsOf } from '../subject.ts';
import type { MutationOperator } from '../types.ts';

/** Each conditional transition's condition negated. */
export const invertTransition: MutationOperator = {
  id: 'invert-transition',
  title: 'invert a transition',
  generate: (subject) =>
    workflowsOf(subject).flatMap(({ workflow, file, text }) =>
      workflow.steps.flatMap((step, i) =>
        ('next' in step ? (step.next ?? []) : []).flatMap((t, j) =>
          t.when === undefined
            ? []
            : [{
                id: `invert-transition@${file}#steps[${i}].next[${j}]`, operator: 'invert-transition', workflows: [workflow.id],
                description: `${workflow.id}: ${step.id} → ${t.to} now when !(${t.when})`,
                edits: [editYaml(file, text, (doc) => doc.setIn(['steps', i, 'next', j, 'when'], `!(${t.when})`))],
                focus: { steps: [t.to] },
                hint: `a ${workflow.id} case that goes from ${step.id} to ${t.to} (and one that goes elsewhere), each checked by its end, tools or output`,
              }],
        ),
      ),
    ),
};

/**
 * The fall-back transition moved in front of the conditional one before it, so the condition is
 * never reached. (Swapping two conditions that exclude each other would change nothing.)
 */
export const reorderTransitions: MutationOperator = {
  id: 'reorder-transitions',
  title: 'reorder transitions',
  generate: (subject) =>
    workflowsOf(subject).flatMap(({ workflow, file, text }) =>
      workflow.steps.flatMap((step, i) => {
        const next = 'next' in step ? (step.next ?? []) : [];
        const j = next.length - 2;
        if (j < 0 || next[j]!.when === undefined || next[j + 1]!.when !== undefined) return [];
        return [{
          id: `reorder-transitions@${file}#steps[${i}].next[${j}]`, operator: 'reorder-transitions', workflows: [workflow.id],
          description: `${workflow.id}: ${step.id}'s fall-back (→ ${next[j + 1]!.to}) now comes before "${next[j]!.when}" (→ ${next[j]!.to})`,
          edits: [editYaml(file, text, (doc) => {
            // Values move, not nodes: moving a node would drag its comments along.
            const at = (k: number) => ['steps', i, 'next', k];
            doc.deleteIn([...at(j), 'when']);
            doc.setIn([...at(j), 'to'], next[j + 1]!.to);
            doc.setIn([...at(j + 1), 'to'], next[j]!.to);
            doc.setIn([...at(j + 1), 'when'], next[j]!.when);
          })],
          focus: { steps: [next[j]!.to] },
          hint: `a ${workflow.id} case that goes from ${step.id} to ${next[j]!.to} through "${next[j]!.when}"`,
        }];
      }),
    ),
};
