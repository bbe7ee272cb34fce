/** Where a workbench's tool requests go. One of two, so that a test's world cannot be half live (production's is the host's LiveWorld). */
export type World =
  /** The project's mocked tools and scripted models, in-process (the default): waits are skipped. */
  | { readonly kind: 'mocked'; /** Keep each run's world and request log after it ends (tests and evals read them). */ readonly keepState?: boolean }
  /** Tools served over HTTP at `origin/<connector host>/<path>` (a test's tool server); models mocked as above, waits real. */
  | { readonly kind: 'tool-server'; readonly origin: string };
