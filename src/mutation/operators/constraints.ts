import { editYaml } from '../yaml-edit.ts';
import { either, packsOf } from '../subject.ts';
import type { MutationOperator } from '../types.ts';
import { boundsIn, moveBound } from './cel-bounds.ts';

/** Each numeric bound of a constraint moved so that more calls pass (`<= 500` → `<= 1000`). */
export const loosenConstraintBound: MutationOperator = {
  id: 'loosen-constraint-bound',
  title: "loosen a constraint's bound",
  generate: (subject) =>
    packsOf(subject).flatMap(({ pack, file, text, workflows }) =>
      pack.constraints.flatMap((c, i) =>
        boundsIn(c.rule).map((b, k) => {
          const rule = moveBound(c.rule, b, true);
          const id = c.id ?? `constraints[${i}]`;
          return {
            id: `loosen-constraint-bound@${file}#constraints[${i}]${k ? `/${k}` : ''}`, operator: 'loosen-constraint-bound', workflows,
            description: `${pack.id}/${id}: "${c.rule}" → "${rule}"`,
            edits: [editYaml(file, text, (doc) => doc.setIn(['constraints', i, 'rule'], rule))],
            focus: { tools: [c.tool] },
            hint: `a ${either(workflows)} case calling ${c.tool} with arguments that break "${c.rule}" but pass "${rule}", expecting blocked: [{ tool: ${c.tool}, rule: ${id} }]`,
          };
        }),
      ),
    ),
};

/** Each constraint negated: what it allowed is refused and what it refused is allowed. */
export const negateConstraint: MutationOperator = {
  id: 'negate-constraint',
  title: 'negate a constraint',
  generate: (subject) =>
    packsOf(subject).flatMap(({ pack, file, text, workflows }) =>
      pack.constraints.map((c, i) => {
        const id = c.id ?? `constraints[${i}]`;
        return {
          id: `negate-constraint@${file}#constraints[${i}]`, operator: 'negate-constraint', workflows,
          description: `${pack.id}/${id}: "${c.rule}" → "!(${c.rule})"`,
          edits: [editYaml(file, text, (doc) => doc.setIn(['constraints', i, 'rule'], `!(${c.rule})`))],
          focus: { tools: [c.tool] },
          hint: `a ${either(workflows)} case calling ${c.tool} with arguments for which "${c.rule}" holds, expecting the call to succeed (tools_called: [${c.tool}])`,
        };
      }),
    ),
};
