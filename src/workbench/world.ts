/**
 * Where a run's tool requests and model calls go. One of three, so that production carries no
 * mock plumbing and a test's world cannot be half live.
 */
export type World =
  /** The project's mocked tools and scripted models, in-process (the default): waits are skipped. */
  | { readonly kind: 'mocked'; /** Keep each run's world and request log after it ends (tests and evals read them). */ readonly keepState?: boolean }
  /** Tools served over HTTP at `origin/<connector host>/<path>` (a test's tool server); models mocked as above, waits real. */
  | { readonly kind: 'tool-server'; readonly origin: string }
  /** Production: each connector host rewritten to its real base URL, models at Ollama; nothing mocked. */
  | { readonly kind: 'live'; readonly toolHosts: Readonly<Record<string, string>> };

/** How a world's tool URLs are rewritten before a request; undefined: the in-process mocks answer them as they are. */
export function toolUrlRewrite(world: World): ((url: string) => string) | undefined {
  if (world.kind === 'tool-server') return (url) => {
    const u = new URL(url);
    return `${world.origin}/${u.host}${u.pathname}${u.search}`;
  };
  if (world.kind === 'live') return (url) => {
    const u = new URL(url);
    const base = world.toolHosts[u.host];
    return base ? `${base.replace(/\/$/, '')}${u.pathname}${u.search}` : url;
  };
  return undefined;
}
