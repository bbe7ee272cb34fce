import { editYaml } from '../yaml-edit.ts';
import { either, packsOf } from '../subject.ts';
import type { MutationOperator } from '../types.ts';

/** An environment whose writes are sandboxed switched to live writes. */
export const liveWrites: MutationOperator = {
  id: 'live-writes',
  title: "switch an environment's writes to live",
  generate: (subject) =>
    packsOf(subject).flatMap(({ pack, file, text, workflows }) =>
      Object.entries(pack.environments).flatMap(([env, e]) =>
        e?.writes === 'sandbox'
          ? [{
              id: `live-writes@${file}#environments.${env}`, operator: 'live-writes', workflows,
              description: `${pack.id}: writes in ${env} go live instead of the sandbox`,
              edits: [editYaml(file, text, (doc) => doc.setIn(['environments', env, 'writes'], 'live'))],
              focus: { env },
              hint: `a ${either(workflows)} case with env: ${env} that reaches a write tool, expecting dry_run: [<that tool>]`,
            }]
          : [],
      ),
    ),
};
