import { editYaml } from '../yaml-edit.ts';
import { either, packsOf } from '../subject.ts';
import type { Mutant, MutationOperator } from '../types.ts';

/** Each data-flow rule removed: a forbidden flow, a rule over replies, the outbound allowlist, a taint rule. */
export const dropDataFlowRule: MutationOperator = {
  id: 'drop-data-flow-rule',
  title: 'drop a data-flow rule',
  generate: (subject) =>
    packsOf(subject).flatMap(({ pack, file, text, workflows }) => {
      const mutant = (path: (string | number)[], label: string, description: string, hint: string, tools?: string[]): Mutant => ({
        ...(tools ? { focus: { tools } } : {}),
        id: `drop-data-flow-rule@${file}#${label}`, operator: 'drop-data-flow-rule', workflows, description: `${pack.id}: ${description}`,
        edits: [editYaml(file, text, (doc) => doc.deleteIn(path))], hint: `a ${either(workflows)} case ${hint}`,
      });
      return [
        ...pack.data.forbid.map((f, i) => mutant(['data', 'forbid', i], `data.forbid[${i}]`, `${f.classes.join(', ')} may flow to ${f.to_tools.join(', ')} again`, `in which ${f.classes[0]} data would reach ${f.to_tools[0]}, expecting blocked: [{ tool: ${f.to_tools[0]}, rule: "data.forbid[${i}]" }]`, f.to_tools)),
        ...pack.results.map((r, i) => mutant(['results', i], `results[${i}]`, `replies of ${r.tool} are no longer checked (${r.id ?? i})`, `in which a reply of ${r.tool} breaks "${r.rule}", expecting blocked: [{ tool: ${r.tool}, rule: "results:${r.id ?? i}" }]`, [r.tool])),
        ...(pack.outbound ? [mutant(['outbound'], 'outbound', 'links to any host may leave', `whose model puts a link to a host off the allowlist into a tool's arguments, expecting blocked: [{ tool: <that tool>, rule: "outbound:host" }]`)] : []),
        ...(pack.taint?.require_approval_for ?? []).map((tool, i) => mutant(['taint', 'require_approval_for', i], `taint.require_approval_for[${i}]`, `${tool} chosen by a model that read untrusted data no longer needs approval`, `whose agent calls ${tool}, expecting approvals: [{ tool: ${tool}, rule: taint, quorum: 1 }]`, [tool])),
      ];
    }),
};
