import { Command, CommanderError } from 'commander';
import { TollgateError } from '../shared/errors.ts';
import { storageFailure } from '../workbench/index.ts';
import { tollgatePackage } from '../shared/package-root.ts';
import { COMMAND_TABLE, commandNamed } from './command-table.ts';

const program = new Command()
  .name('tollgate')
  .description('Run, police, trace, evaluate and release AI agent workflows.')
  .option('--project <dir>', 'project folder (default: the nearest folder with a tollgate.yaml)')
  .option('--init', 'start a new database where an empty (0-byte) database file is (refused otherwise: it may be a truncated one)')
  .version(tollgatePackage().version, '-V, --version', 'print the version')
  .showSuggestionAfterError()
  .showHelpAfterError('(tollgate --help lists the commands)')
  .exitOverride();

// Only the named command's module loads; without one (help, a typo) the table's descriptions serve.
const named = commandNamed(process.argv.slice(2));
const entry = COMMAND_TABLE.find((c) => c.names.some(([name]) => name === named));
if (entry) await entry.load(program);
else for (const c of COMMAND_TABLE) for (const [name, description] of c.names) program.command(name).description(description);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  process.exitCode = exitCodeFor(error);
}

/** Exit codes: 1 a user error or a failed verdict, 2 usage, 74 storage (as sysexits' EX_IOERR), 70 a bug. */
function exitCodeFor(error: unknown): number {
  if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
  const storage = storageFailure(error);
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
