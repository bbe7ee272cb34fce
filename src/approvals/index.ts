export { approvalView, fencedLines, safeJsonLines, FENCE, type ApprovalView, type UntrustedBlock } from './view.ts';
export { approvalText } from './text.ts';
