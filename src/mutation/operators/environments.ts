import { editYaml } from '../yaml-edit.ts';
import { either, packsOf } from '../subject.ts';
import type { MutationOperator, MutationSubject } from '../types.ts';

function othersSandbox(subject: MutationSubject, workflowId: string, packId: string, env: string): boolean {
  const uses = subject.definitions.workflows.find((w) => w.value.id === workflowId)!.value.policy.filter((id) => id !== packId);
  return subject.definitions.policies.some((p) => uses.includes(p.value.id) && (p.value.environments[env as 'dev']?.writes ?? (env === 'prod' ? 'live' : 'sandbox')) === 'sandbox');
}

/** An environment whose writes are sandboxed switched to live writes. */
export const liveWrites: MutationOperator = {
  id: 'live-writes',
  title: "switch an environment's writes to live",
  generate: (subject) =>
    packsOf(subject).flatMap(({ pack, file, text, workflows }) =>
      Object.entries(pack.environments).flatMap(([env, e]) =>
        // Writes stay sandboxed while any other pack of the workflow sandboxes them: no change to see there.
        e?.writes === 'sandbox' && workflows.some((w) => !othersSandbox(subject, w, pack.id, env))
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
