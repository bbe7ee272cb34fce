export { sendToolRequest, validateToolArgs, type ToolInvocation, type ToolOutcome, type UrlRewriter } from './executor.ts';
export { retryDelay, DEFAULT_RETRY } from './retry.ts';
export { buildHttpCall } from './build-request.ts';
