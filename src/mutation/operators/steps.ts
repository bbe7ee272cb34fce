import { editYaml } from '../yaml-edit.ts';
import { workflowsOf } from '../subject.ts';
import type { Mutant, MutationOperator } from '../types.ts';
import type { Workflow, WorkflowStep } from '../../workflow/index.ts';

/** Where a run goes after a step when the step is skipped: its only target, or the next step. */
function successorOf(workflow: Workflow, i: number): string | undefined {
  const step = workflow.steps[i]!;
  if ('on_deny' in step && step.on_deny) return undefined;
  const next = 'next' in step ? step.next : undefined;
  if (next) {
    const targets = new Set(next.map((t) => t.to));
    return targets.size === 1 ? [...targets][0] : undefined;
  }
  return workflow.steps[i + 1]?.id;
}

const implicitNext = (workflow: Workflow, s: WorkflowStep, k: number) => !('end' in s) && !('next' in s && s.next) && workflow.steps[k + 1] !== undefined;

/** Each step after the first removed, its predecessors wired to where it would have gone. */
export const dropStep: MutationOperator = {
  id: 'drop-step',
  title: 'drop a step',
  generate: (subject) =>
    workflowsOf(subject).flatMap(({ workflow, file, text }) =>
      workflow.steps.flatMap((step, i): Mutant[] => {
        if (i === 0 || 'end' in step) return [];
        const to = successorOf(workflow, i);
        if (to === undefined) return [];
        return [{
          id: `drop-step@${file}#steps[${i}]`, operator: 'drop-step', workflows: [workflow.id],
          description: `${workflow.id}: step ${step.id} skipped (its predecessors go on to ${to})`,
          edits: [editYaml(file, text, (doc) => {
            workflow.steps.forEach((s, k) => {
              if (k === i) return;
              ('next' in s ? (s.next ?? []) : []).forEach((t, j) => t.to === step.id && doc.setIn(['steps', k, 'next', j, 'to'], to));
              if ('on_deny' in s && s.on_deny === step.id) doc.setIn(['steps', k, 'on_deny'], to);
              if (k === i - 1 && implicitNext(workflow, s, k)) doc.setIn(['steps', k, 'next'], doc.createNode([{ to }], { flow: true }));
            });
            doc.deleteIn(['steps', i]);
          })],
          focus: { steps: [step.id] },
          hint: `a ${workflow.id} case that passes through ${step.id} and checks what it does (tools_called, agents, output)`,
        }];
      }),
    ),
};

/** Each compensation removed: a failure after the write leaves it in place. */
export const dropCompensation: MutationOperator = {
  id: 'drop-compensation',
  title: 'drop a compensation',
  generate: (subject) =>
    workflowsOf(subject).flatMap(({ workflow, file, text }) =>
      workflow.steps.flatMap((step, i) =>
        'tool' in step && step.compensate
          ? [{
              id: `drop-compensation@${file}#steps[${i}].compensate`, operator: 'drop-compensation', workflows: [workflow.id],
              description: `${workflow.id}: ${step.tool} at step ${step.id} is no longer undone by ${step.compensate.tool}`,
              edits: [editYaml(file, text, (doc) => doc.deleteIn(['steps', i, 'compensate']))],
              focus: { ends: ['compensated'] },
              hint: `a ${workflow.id} case that fails after step ${step.id} wrote, expecting end: compensated and compensated: [${step.tool}]`,
            }]
          : [],
      ),
    ),
};
