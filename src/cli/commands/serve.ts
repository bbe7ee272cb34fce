import type { Command } from 'commander';
import { startRuntime } from '../../runtime/index.ts';
import { UsageError } from '../../shared/index.ts';

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('the production runtime: verify and load a release bundle, serve the HTTP API')
    .requiredOption('--bundle <file>', 'release bundle')
    .requiredOption('--trust <file>', 'the trusted public key')
    .option('--config <file>', 'tokens, roles and live tool hosts', 'serve.yaml')
    .option('--port <n>', 'port', '8787')
    .option('--host <addr>', 'address to listen on', '127.0.0.1')
    .option('--state <dir>', 'runtime state (database, accepted version, traces)', '.tollgate/runtime')
    .action(async (o: { bundle: string; trust: string; config: string; port: string; host: string; state: string }) => {
      const port = Number(o.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port expects a port number');
      const runtime = await startRuntime({ bundle: o.bundle, trust: o.trust, config: o.config, port, host: o.host, stateDir: o.state });
      process.stdout.write(`serving ${runtime.state.current.statement.predicate.name} version ${runtime.state.current.version} on http://${o.host}:${runtime.port}\n`);
      // SIGTERM drains: no new events, in-flight steps finish within shutdown_grace, then exit; a restart resumes the rest.
      const { left } = await new Promise<{ left: number }>((resolve) => {
        const shutdown = () => void runtime.stop().then(resolve);
        process.once('SIGTERM', shutdown);
        process.once('SIGINT', shutdown);
      });
      process.stdout.write(left ? `stopped; ${left} run execution(s) left for the next start\n` : 'stopped\n');
      // A hung call past the grace must not keep the process alive: its run resumes at the next start.
      if (left) process.exit(0);
    });
}
