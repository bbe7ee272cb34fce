import { Command, CommanderError } from 'commander';
import { TollgateError } from '../shared/index.ts';
import { asStorageError } from '../store/storage-errors.ts';
import { registerSchemaCommand } from './commands/schema.ts';
import { registerValidateCommand } from './commands/validate.ts';
import { registerRunCommands } from './commands/run.ts';
import { registerRunsCommands } from './commands/runs.ts';
import { registerApprovalCommands } from './commands/approvals.ts';
import { registerAuditCommands } from './commands/audit.ts';
import { registerReplayCommands } from './commands/replay.ts';
import { registerStatsCommand } from './commands/stats.ts';
import { registerGateCommands } from './commands/gate.ts';
import { registerCoverageCommand } from './commands/coverage.ts';
import { registerReleaseCommands } from './commands/release.ts';
import { registerServeCommand } from './commands/serve.ts';
import { registerCanaryCommand } from './commands/canary.ts';
import { registerTuiCommand } from './commands/tui.tsx';
import { registerMutateCommand } from './commands/mutate.ts';
import { registerGroundingCommand } from './commands/grounding.ts';

const program = new Command()
  .name('tollgate')
  .description('Run, police, trace, evaluate and release AI agent workflows.')
  .option('--project <dir>', 'project folder (default: the nearest folder with a tollgate.yaml)')
  .option('--init', 'start a new database where an empty (0-byte) database file is (refused otherwise: it may be a truncated one)')
  .showHelpAfterError()
  .exitOverride();

registerValidateCommand(program);
registerSchemaCommand(program);
registerRunCommands(program);
registerRunsCommands(program);
registerApprovalCommands(program);
registerAuditCommands(program);
registerReplayCommands(program);
registerStatsCommand(program);
registerGateCommands(program);
registerMutateCommand(program);
registerGroundingCommand(program);
registerCoverageCommand(program);
registerReleaseCommands(program);
registerServeCommand(program);
registerCanaryCommand(program);
registerTuiCommand(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  process.exitCode = exitCodeFor(error);
}

/** Exit codes: 1 a user error or a failed verdict, 2 usage, 74 storage (as sysexits' EX_IOERR), 70 a bug. */
function exitCodeFor(error: unknown): number {
  if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
  const storage = asStorageError(error);
  if (storage) {
    process.stderr.write(`tollgate: ${storage.message}\n`);
    return 74;
  }
  if (error instanceof TollgateError && error.userFacing) {
    process.stderr.write(`tollgate: ${error.message}\n`);
    return error.code === 'TG_USAGE' ? 2 : 1;
  }
  process.stderr.write(`tollgate: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  return 70;
}
