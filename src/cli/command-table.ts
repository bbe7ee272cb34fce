import type { Command } from 'commander';

/**
 * Every command, with what `tollgate --help` says of it and where it lives. Only the module of the
 * command being run is imported: `--help` and `--version` load none of them (ink, MSW, OpenTelemetry
 * and Hono stay on disk). A test checks this table against the modules' own registrations.
 */
export const COMMAND_TABLE: readonly { readonly names: readonly [string, string][]; readonly load: (program: Command) => Promise<void> }[] = [
  { names: [['init', 'start a project from a department template (support, finance, sre or blank); never overwrites a file']], load: async (p) => (await import('./commands/init.ts')).registerInitCommand(p) },
  { names: [['validate', 'check every definition file and cross-reference; exit 1 on any error']], load: async (p) => (await import('./commands/validate.ts')).registerValidateCommand(p) },
  { names: [['schema', 'write the JSON Schemas of every definition file kind (for editors and CI)']], load: async (p) => (await import('./commands/schema.ts')).registerSchemaCommand(p) },
  {
    names: [['run', 'start a run of a workflow and print its timeline'], ['resume', 'continue a run from its journal (after a crash, or once approvals are decided)']],
    load: async (p) => (await import('./commands/run.ts')).registerRunCommands(p),
  },
  { names: [['runs', 'list runs, newest first'], ['show', 'print one run in full: its timeline and outcome']], load: async (p) => (await import('./commands/runs.ts')).registerRunsCommands(p) },
  {
    names: [
      ['approvals', 'list pending approvals with their context'], ['approve', 'approve a pending action (with --edit, approve edited arguments instead)'],
      ['reveal', 'show an approval with the vaulted values its rule lets your role see (audited)'], ['deny', 'deny a pending action'],
    ],
    load: async (p) => (await import('./commands/approvals.ts')).registerApprovalCommands(p),
  },
  { names: [['audit', 'the tamper-evident audit log']], load: async (p) => (await import('./commands/audit.ts')).registerAuditCommands(p) },
  {
    names: [['replay', 're-execute a recorded run (a trace file) with the current definitions; report "identical" or the first divergence'], ['export', 'write a run from the database as an OTLP JSON trace (a recording that replays on its own)']],
    load: async (p) => (await import('./commands/replay.ts')).registerReplayCommands(p),
  },
  { names: [['stats', 'the scorecard of recent runs: success, latency, errors, retries, escalations, approvals, blocks, cost']], load: async (p) => (await import('./commands/stats.ts')).registerStatsCommand(p) },
  {
    names: [['eval', 'run gold cases and score them (offline by default); writes reports/eval.json'], ['gate', 'the CI gate: run the eval, judge it against evals/gate.yaml and the baseline; exit 1 with the reasons'], ['report', 'reports of evals']],
    load: async (p) => (await import('./commands/gate.ts')).registerGateCommands(p),
  },
  { names: [['mutate', 'mutation testing: break the definitions on purpose (drop a deny rule, lower a quorum, …) and check the gold cases notice each break']], load: async (p) => (await import('./commands/mutate.ts')).registerMutateCommand(p) },
  { names: [['grounding', 'measure the grounding check against the claims labelled by hand in evals/grounding/: precision and recall of "ungrounded"']], load: async (p) => (await import('./commands/grounding.ts')).registerGroundingCommand(p) },
  { names: [['coverage', 'run the gold cases offline; list every policy rule, compensation and transition with the cases that exercise each side']], load: async (p) => (await import('./commands/coverage.ts')).registerCoverageCommand(p) },
  {
    names: [['keys', 'Ed25519 signing keys for release bundles'], ['release', 'run the gate and, only if it passes, write a signed release bundle'], ['verify', 'check a bundle: signature, payload type, statement, file set, digests, gate, expiry']],
    load: async (p) => (await import('./commands/release.ts')).registerReleaseCommands(p),
  },
  { names: [['serve', 'the production runtime: verify and load a release bundle, serve the HTTP API']], load: async (p) => (await import('./commands/serve.ts')).registerServeCommand(p) },
  { names: [['canary', 'the same cases on two model versions, side by side, with a promote / hold / reject verdict (exit 0 / 2 / 1)']], load: async (p) => (await import('./commands/canary.ts')).registerCanaryCommand(p) },
  { names: [['tui', 'the interactive workbench: runs, step-through timelines, the approvals inbox, eval results']], load: async (p) => (await import('./commands/tui.tsx')).registerTuiCommand(p) },
];

/** The command a command line names: its first word that is not an option or a global option's value. */
export function commandNamed(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--project') i++;
    // `tollgate help gate` is about gate.
    else if (arg === 'help' && argv[i + 1] && !argv[i + 1]!.startsWith('-')) return argv[i + 1];
    else if (!arg.startsWith('-')) return arg;
  }
  return undefined;
}
