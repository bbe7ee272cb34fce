import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { fingerprint, makeRelease, verifyRelease, writeKeyPair } from '../../release/index.ts';
import { parseDuration, UsageError } from '../../shared/index.ts';
import { withWorkbench } from '../open-workbench.ts';
import { readBaseline } from '../baseline-file.ts';

export function registerReleaseCommands(program: Command): void {
  const keys = program.command('keys').description('Ed25519 signing keys for release bundles');
  keys
    .command('generate')
    .description('write a new key pair: KEY (mode 0600, never printed) and KEY.pub')
    .option('--out <file>', 'private key file', 'keys/tollgate.key')
    .action((o: { out: string }) => {
      const { keyId } = writeKeyPair(o.out);
      process.stdout.write(`wrote ${o.out} (private, mode 0600) and ${o.out}.pub\nkey id ${keyId}\n`);
    });
  keys
    .command('id')
    .description("print a key's fingerprint")
    .argument('<key>', 'public (or private) key file')
    .action((file: string) => void process.stdout.write(`${fingerprint(readKey(file))}\n`));

  program
    .command('release')
    .description('run the gate and, only if it passes, write a signed release bundle')
    .requiredOption('--key <file>', 'Ed25519 private key')
    .option('--version <n>', 'release version, an increasing integer (default: last in --out + 1)')
    .option('--expires <duration>', 'validity, e.g. 90d', '90d')
    .option('--out <dir>', 'where bundles go', 'dist')
    .option('--canary <file>', 'the canary report (canary.json) that supports a model change: bundled and named in the signed statement')
    .action(async (o: { key: string; version?: string; expires: string; out: string; canary?: string }, command: Command) => {
      const privateKeyPem = readKey(o.key);
      const ttl = parseDuration(o.expires);
      if (ttl === undefined || ttl <= 0) throw new UsageError(`--expires expects a duration longer than 0, such as 90d, not "${o.expires}"`);
      const version = o.version !== undefined ? Number(o.version) : undefined;
      if (version !== undefined && (!Number.isInteger(version) || version < 1)) throw new UsageError('--version expects a positive integer');
      const canary = o.canary ? { file: o.canary, bytes: readBytes(o.canary, 'canary report') } : undefined;
      await withWorkbench(command, async (wb) => {
        const gate = wb.definitions.gate?.value;
        const baseline = gate ? readBaseline(wb.root, gate) : undefined;
        const r = await makeRelease(wb, { privateKeyPem, ttlMs: ttl, outDir: o.out, baseline, ...(version !== undefined ? { version } : {}), ...(canary ? { canary } : {}) });
        if (!r.released) {
          process.stderr.write(`gate FAILED: no bundle written\n${r.verdict.reasons.map((x) => `  - ${x.message}`).join('\n')}\n`);
          process.exitCode = 1;
          return;
        }
        process.stdout.write(`gate passed (${r.report.totals.passed}/${r.report.totals.cases}); wrote ${r.file}: version ${r.version}, ${r.files} files, key ${fingerprint(privateKeyPem)}\n`);
      });
    });

  program
    .command('verify')
    .description('check a bundle: signature, payload type, statement, file set, digests, gate, expiry')
    .argument('<bundle>', 'bundle file')
    .requiredOption('--trust <file>', 'the trusted public key')
    .option('--state <dir>', "also check the version against what a runtime with this state folder accepted last (serve --state)")
    .option('--json', 'print JSON')
    .action((file: string, o: { trust: string; state?: string; json?: boolean }) => {
      const bytes = readBytes(file, 'bundle');
      const { result, accepted } = verifyRelease(bytes, readKey(o.trust), o.state);
      if (!result.ok) {
        if (o.json) process.stdout.write(`${JSON.stringify({ ok: false, code: result.code, message: result.message })}\n`);
        else process.stderr.write(`tollgate: ${file}: refused (${result.code}): ${result.message}\n`);
        process.exitCode = 1;
        return;
      }
      const p = result.statement.predicate;
      if (o.json) return void process.stdout.write(`${JSON.stringify({ ok: true, predicate: p, files: result.statement.subject }, null, 2)}\n`);
      process.stdout.write(
        [
          `ok: ${p.name} version ${p.version}, signed by ${fingerprint(readKey(o.trust))}`,
          `  created ${p.created}, expires ${p.expires}${p.git_commit ? `, commit ${p.git_commit}` : ''}`,
          ...(o.state ? [`  the runtime at ${o.state} ${accepted === undefined ? 'has accepted no bundle yet' : `accepted version ${accepted} last`}: this one would be accepted`] : []),
          `  gate passed: ${p.gate.passed}/${p.gate.cases} cases; report sha256 ${p.report_digest.sha256}`,
          `  models: ${Object.entries(p.models).map(([m, d]) => `${m} (${d})`).join(', ')}`,
          ...(p.mutation ? [`  mutation score ${(p.mutation.score * 100).toFixed(1)}%: ${p.mutation.killed}/${p.mutation.total - p.mutation.ignored} mutants killed${p.mutation.ignored ? `, ${p.mutation.ignored} ignored as equivalent` : ''}`] : []),
          ...(p.coverage ? [`  policy coverage ${(p.coverage.ratio * 100).toFixed(1)}%: ${p.coverage.covered}/${p.coverage.total} rule sides`] : []),
          ...(p.canary ? [`  canary: ${p.canary.candidate} against ${p.canary.baseline}: ${p.canary.verdict} (canary.json ${p.canary.sha256.slice(0, 16)})`] : []),
          ...result.statement.subject.map((s) => `  ${s.digest.sha256.slice(0, 16)}  ${s.name}`),
          '',
        ].join('\n'),
      );
    });
}

function readKey(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    throw new UsageError(`cannot read key ${file}`);
  }
}

function readBytes(file: string, what: string): Buffer {
  try {
    return readFileSync(file);
  } catch {
    throw new UsageError(`cannot read ${what} ${file}`);
  }
}
