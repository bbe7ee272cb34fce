import { register } from 'node:module';

// Resolves a bare `msw` import that the project itself cannot resolve from tollgate's own copy:
// a project run with `npx tollgate` before any `npm install` still loads its handler mocks, and
// its handlers are then built by the same msw that answers them.
const HOOKS = `
let fallbackParent;
export function initialize(data) { fallbackParent = data.parentURL; }
export async function resolve(specifier, context, next) {
  try {
    return await next(specifier, context);
  } catch (error) {
    if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !/^msw(\\/|$)/.test(specifier)) throw error;
    return next(specifier, { ...context, parentURL: fallbackParent });
  }
}
`;

let registered = false;

/**
 * Lets a project's mocks import `msw` even when the project has not installed it. Once per process,
 * and only then: a loader hook runs on a thread of its own, which costs a start-up.
 */
export function letMocksFindMsw(): void {
  if (registered) return;
  registered = true;
  register(`data:text/javascript,${encodeURIComponent(HOOKS)}`, { data: { parentURL: import.meta.url } });
}
