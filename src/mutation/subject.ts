import type { PolicyPack, Workflow } from '../workflow/index.ts';
import type { MutationSubject } from './types.ts';

/** Each pack with its file and the workflows that use it. */
export function packsOf(subject: MutationSubject): { pack: PolicyPack; file: string; text: string; workflows: string[] }[] {
  return subject.definitions.policies.map((p) => ({
    pack: p.value, file: p.source.file, text: subject.files[p.source.file]!,
    workflows: subject.definitions.workflows.filter((w) => w.value.policy.includes(p.value.id)).map((w) => w.value.id),
  }));
}

export function workflowsOf(subject: MutationSubject): { workflow: Workflow; file: string; text: string }[] {
  return subject.definitions.workflows.map((w) => ({ workflow: w.value, file: w.source.file, text: subject.files[w.source.file]! }));
}

/** Writes a list of workflow IDs for hints: `refund-request or invoice-received`. */
export const either = (ids: readonly string[]) => ids.join(' or ') || '(no workflow uses it)';
