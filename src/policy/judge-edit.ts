import { canonicalJson } from '../shared/index.ts';

export interface EditViolation {
  readonly code: 'TG_EDIT_RECORD' | 'TG_EDIT_FIELD';
  readonly ruleId: string;
  readonly reason: string;
}

/**
 * Whether an approver's edit stays within what the rule lets an approver change, pure. The
 * connector's `record_keys` (the record the action is about) never change; when the approval rule
 * lists `editable` arguments, only those may change (added or removed arguments count as changes).
 */
export function judgeEdit(
  original: Record<string, unknown>,
  edited: Record<string, unknown>,
  limits: { readonly recordKeys: readonly string[]; readonly editable?: readonly string[] | undefined; readonly rule: string | null },
): EditViolation | undefined {
  const changed = [...new Set([...Object.keys(original), ...Object.keys(edited)])].filter((k) => canonicalJson(original[k] ?? null) !== canonicalJson(edited[k] ?? null)).sort();
  const record = changed.find((k) => limits.recordKeys.includes(k));
  if (record) {
    return { code: 'TG_EDIT_RECORD', ruleId: 'edit:record', reason: `an edit may not change ${record}: it names the record this action is about (${JSON.stringify(original[record] ?? null)})` };
  }
  if (limits.editable) {
    const outside = changed.filter((k) => !limits.editable!.includes(k));
    if (outside.length > 0) {
      const allowed = limits.editable.length ? `only ${limits.editable.join(', ')} may be edited` : 'this action may not be edited';
      return { code: 'TG_EDIT_FIELD', ruleId: 'edit:field', reason: `the edit changes ${outside.join(', ')}; under rule ${limits.rule ?? '?'} ${allowed}` };
    }
  }
  return undefined;
}

/** Which approval rule of the packs produced a decision, for its `editable` and `reveal` lists. */
export function approvalRuleOf<P extends { id: string; version: number; approvals: readonly { id?: string | undefined }[] }>(packs: readonly P[], policy: string | null, ruleId: string | null): P['approvals'][number] | undefined {
  const pack = packs.find((p) => `${p.id}@${p.version}` === policy);
  return pack?.approvals.find((a, i) => (a.id ?? `approvals[${i}]`) === ruleId);
}
