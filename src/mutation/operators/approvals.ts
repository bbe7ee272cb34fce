import { editYaml } from '../yaml-edit.ts';
import { either, packsOf } from '../subject.ts';
import type { MutationOperator } from '../types.ts';
import { boundsIn, moveBound } from './cel-bounds.ts';

/** Each approval rule removed. */
export const dropApprovalRule: MutationOperator = {
  id: 'drop-approval-rule',
  title: 'drop an approval rule',
  generate: (subject) =>
    packsOf(subject).flatMap(({ pack, file, text, workflows }) =>
      pack.approvals.map((a, i) => {
        const id = a.id ?? `approvals[${i}]`;
        return {
          id: `drop-approval-rule@${file}#approvals[${i}]`, operator: 'drop-approval-rule', workflows,
          description: `${pack.id}: approval rule ${id} removed (${a.tool}${a.when ? ` when ${a.when}` : ''} needed ${a.approvers})`,
          edits: [editYaml(file, text, (doc) => doc.deleteIn(['approvals', i]))],
          focus: { tools: [a.tool] },
          hint: `a ${either(workflows)} case calling ${a.tool}${a.when ? ` where ${a.when}` : ''}, expecting approvals: [{ rule: ${id}, quorum: ${a.approvers} }]`,
        };
      }),
    ),
};

/** A two-person (or larger) rule settled by one fewer approver. */
export const lowerQuorum: MutationOperator = {
  id: 'lower-quorum',
  title: 'lower a quorum',
  generate: (subject) =>
    packsOf(subject).flatMap(({ pack, file, text, workflows }) => [
      ...pack.constraints.flatMap((c, i) => {
        if (c.on_violation !== 'require_approval' || (c.approvers ?? 1) < 2) return [];
        const id = c.id ?? `constraints[${i}]`;
        return [{
          id: `lower-quorum@${file}#constraints[${i}]`, operator: 'lower-quorum', workflows,
          description: `${pack.id}/${id}: ${c.approvers} approvers → ${c.approvers! - 1}`,
          edits: [editYaml(file, text, (doc) => doc.setIn(['constraints', i, 'approvers'], c.approvers! - 1))],
          focus: { tools: [c.tool] },
          hint: `a ${either(workflows)} case breaking "${c.rule}", expecting approvals: [{ rule: ${id}, quorum: ${c.approvers}, distinct_approvers: ${c.approvers} }]`,
        }];
      }),
      ...pack.approvals.flatMap((a, i) => {
        if (a.approvers < 2) return [];
        const id = a.id ?? `approvals[${i}]`;
        return [{
          id: `lower-quorum@${file}#approvals[${i}]`, operator: 'lower-quorum', workflows,
          description: `${pack.id}/${id}: ${a.approvers} approvers → ${a.approvers - 1}`,
          edits: [editYaml(file, text, (doc) => doc.setIn(['approvals', i, 'approvers'], a.approvers - 1))],
          focus: { tools: [a.tool] },
          hint: `a ${either(workflows)} case expecting approvals: [{ rule: ${id}, quorum: ${a.approvers}, distinct_approvers: ${a.approvers} }]`,
        }];
      }),
    ]),
};

/** Each numeric threshold of an approval rule's `when` moved so that fewer calls need approval. */
export const raiseApprovalThreshold: MutationOperator = {
  id: 'raise-approval-threshold',
  title: 'raise an approval threshold',
  generate: (subject) =>
    packsOf(subject).flatMap(({ pack, file, text, workflows }) =>
      pack.approvals.flatMap((a, i) =>
        boundsIn(a.when ?? '').map((b, k) => {
          const when = moveBound(a.when!, b, false);
          const id = a.id ?? `approvals[${i}]`;
          return {
            id: `raise-approval-threshold@${file}#approvals[${i}]${k ? `/${k}` : ''}`, operator: 'raise-approval-threshold', workflows,
            description: `${pack.id}/${id}: when "${a.when}" → "${when}"`,
            edits: [editYaml(file, text, (doc) => doc.setIn(['approvals', i, 'when'], when))],
            focus: { tools: [a.tool] },
            hint: `a ${either(workflows)} case calling ${a.tool} where "${a.when}" holds but "${when}" does not, expecting approvals: [{ rule: ${id}, quorum: ${a.approvers} }]`,
          };
        }),
      ),
    ),
};
