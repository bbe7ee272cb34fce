import { editYaml } from '../yaml-edit.ts';
import { either, packsOf } from '../subject.ts';
import type { MutationOperator } from '../types.ts';

/** Each deny entry of a pack (and of its environments) removed. */
export const dropDenyRule: MutationOperator = {
  id: 'drop-deny-rule',
  title: 'drop a deny rule',
  generate: (subject) =>
    packsOf(subject).flatMap(({ pack, file, text, workflows }) => {
      const lists: { path: (string | number)[]; patterns: string[] }[] = [
        { path: ['tools', 'deny'], patterns: pack.tools.deny },
        ...Object.entries(pack.environments).map(([env, e]) => ({ path: ['environments', env, 'tools', 'deny'], patterns: e?.tools?.deny ?? [] })),
      ];
      return lists.flatMap(({ path, patterns }) =>
        patterns.map((pattern, i) => ({
          id: `drop-deny-rule@${file}#${path.join('.')}[${i}]`, operator: 'drop-deny-rule', workflows,
          description: `${pack.id}: no longer denies "${pattern}"`,
          edits: [editYaml(file, text, (doc) => doc.deleteIn([...path, i]))],
          focus: { tools: [pattern] },
          hint: `a ${either(workflows)} case whose model calls a tool matching ${pattern}, expecting blocked: [{ tool: <that tool>, rule: "deny:${pattern}", policy: ${pack.id} }]`,
        })),
      );
    }),
};

/** Each allow entry removed: a tool the workflows need is then refused. */
export const dropAllowEntry: MutationOperator = {
  id: 'drop-allow-entry',
  title: 'drop an allow entry',
  generate: (subject) =>
    packsOf(subject).flatMap(({ pack, file, text, workflows }) =>
      // Removing the only entry would leave an empty list, which allows every tool: not this mutation.
      (pack.tools.allow.length < 2 ? [] : pack.tools.allow).map((pattern, i) => ({
        id: `drop-allow-entry@${file}#tools.allow[${i}]`, operator: 'drop-allow-entry', workflows,
        description: `${pack.id}: "${pattern}" is no longer on the allow list`,
        edits: [editYaml(file, text, (doc) => doc.deleteIn(['tools', 'allow', i]))],
        focus: { tools: [pattern] },
        hint: `a ${either(workflows)} case in which ${pattern} is called and succeeds (expect tools_called or live: [${pattern}])`,
      })),
    ),
};
