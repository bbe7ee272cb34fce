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
 * Two neighbouring conditional transitions swapped: the second condition is tried first. (The
 * fall-back stays last, as validation requires; when the two conditions exclude each other the
 * mutant is equivalent, and gate.yaml says so.)
 */
export const reorderTransitions: MutationOperator = {
  id: 'reorder-transitions',
  title: 'reorder transitions',
  generate: (subject) =>
    workflowsOf(subject).flatMap(({ workflow, file, text }) =>
      workflow.steps.flatMap((step, i) => {
        const next = 'next' in step ? (step.next ?? []) : [];
        return next.flatMap((first, j) => {
          const second = next[j + 1];
          if (first.when === undefined || second?.when === undefined || first.to === second.to) return [];
          return [{
            id: `reorder-transitions@${file}#steps[${i}].next[${j}]`, operator: 'reorder-transitions', workflows: [workflow.id],
            description: `${workflow.id}: ${step.id} tries "${second.when}" (→ ${second.to}) before "${first.when}" (→ ${first.to})`,
            // Values move, not nodes: moving a node would drag its comments along.
            edits: [editYaml(file, text, (doc) => {
              const at = (k: number) => ['steps', i, 'next', k];
              doc.setIn([...at(j), 'when'], second.when);
              doc.setIn([...at(j), 'to'], second.to);
              doc.setIn([...at(j + 1), 'when'], first.when);
              doc.setIn([...at(j + 1), 'to'], first.to);
            })],
            focus: { steps: [first.to, second.to] },
            hint: `a ${workflow.id} case for which both "${first.when}" and "${second.when}" hold, expecting it to go to ${first.to}`,
          }];
        });
      }),
    ),
};
