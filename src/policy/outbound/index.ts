export { checkOutbound, hostMatches, type OutboundViolation } from './check-outbound.ts';
export { findUrls, type FoundUrl } from './find-urls.ts';
