/**
 * The event ID of a workflow's occurrence: one per workflow and instant, so reserving it fires the
 * occurrence once across every runtime sharing the store. ISO instants sort as they come.
 */
export function scheduleEventKey(workflow: string, at: number): string {
  return `${scheduleKeyPrefix(workflow)}${new Date(at).toISOString()}`;
}

/** What every occurrence key of a workflow starts with. */
export function scheduleKeyPrefix(workflow: string): string {
  return `schedule|${workflow}|`;
}
