export type { PolicyDecision, ToolRequest } from './decision.ts';
export { evaluateToolCall, policyVars, writesAreSandboxed } from './evaluate-tool-call.ts';
export { evaluateRule } from './rules.ts';
export { judgeDecision, type QuorumVerdict, type Person } from './approval-quorum.ts';
export { PiiVault, type VaultEntry } from './pii-vault.ts';
export { detect, DATA_CLASS_ENTITY, type Entity, type Finding } from './recognizers/index.ts';
export { evaluateToolResult, type ResultViolation } from './evaluate-tool-result.ts';
export { judgeEdit, approvalRuleOf, type EditViolation } from './judge-edit.ts';
export { checkOutbound, findUrls, hostMatches } from './outbound/index.ts';
