import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { createBundle, fingerprint, generateKeyPair, REPORT_PATH, MUTATION_PATH, verifyBundle, type BundleFile, type ReleasePredicate } from '../../bundle/index.ts';
import { baselineOf, MemoryCaseLog, reportJsonPieces, runEval } from '../../evals/index.ts';
import { projectCoverage } from '../../coverage/index.ts';
import { gateVerdict, mutationEvidence } from '../../gate/index.ts';
import { parseDuration, sha256Hex, TollgateError, UsageError } from '../../shared/index.ts';
import { withWorkbench } from '../open-workbench.ts';
import { readBaseline } from '../baseline-file.ts';
import { AcceptedVersion } from '../../runtime/bundles.ts';

export function registerReleaseCommands(program: Command): void {
  const keys = program.command('keys').description('Ed25519 signing keys for release bundles');
  keys
    .command('generate')
    .description('write a new key pair: KEY (mode 0600, never printed) and KEY.pub')
    .option('--out <file>', 'private key file', 'keys/tollgate.key')
    .action((o: { out: string }) => {
      if (existsSync(o.out)) throw new UsageError(`${o.out} exists: refusing to overwrite a key`);
      const pair = generateKeyPair();
      mkdirSync(path.dirname(path.resolve(o.out)), { recursive: true });
      writeFileSync(o.out, pair.privateKeyPem, { mode: 0o600, flag: 'wx' });
      writeFileSync(`${o.out}.pub`, pair.publicKeyPem, { flag: 'wx' });
      process.stdout.write(`wrote ${o.out} (private, mode 0600) and ${o.out}.pub\nkey id ${pair.keyId}\n`);
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
      const version = o.version !== undefined ? Number(o.version) : lastVersion(o.out) + 1;
      if (!Number.isInteger(version) || version < 1) throw new UsageError('--version expects a positive integer');
      await withWorkbench(command, async (wb) => {
        const gate = wb.definitions.gate?.value;
        if (!gate) throw new TollgateError('TG_NO_GATE', 'no evals/gate.yaml: a release needs a gate');
        const log = new MemoryCaseLog();
        const report = await runEval(wb, { concurrency: 4, log });
        const baseline = readBaseline(wb.root, gate);
        const coverage = projectCoverage(wb.definitions, report.cases);
        let verdict = gateVerdict(report, gate, { baseline, coverage });
        // Every release records its suite's mutation score, required by gate.yaml or not.
        const mutation = verdict.pass ? await mutationEvidence(wb, 'reports', baseline, report.cases) : undefined;
        if (mutation) verdict = gateVerdict(report, gate, { baseline, coverage, mutation });
        if (!verdict.pass) {
          process.stderr.write(`gate FAILED: no bundle written\n${verdict.reasons.map((r) => `  - ${r.message}`).join('\n')}\n`);
          process.exitCode = 1;
          return;
        }
        const encoder = new TextEncoder();
        const files: Record<string, Uint8Array> = {};
        for (const [file, text] of Object.entries(wb.snapshot)) files[file] = encoder.encode(text);
        const project = wb.definitions.project!.value;
        const models = Object.fromEntries([...new Set([project.models.default, ...Object.values(project.models.routes)])].map((m) => [m, project.models.digests[m] ?? 'unpinned']));
        files['models.json'] = encoder.encode(`${JSON.stringify({ routes: project.models.routes, default: project.models.default, digests: models }, null, 2)}\n`);
        let canary: ReleasePredicate['canary'] = null;
        if (o.canary) {
          const text = readFileSync(o.canary);
          const parsed = JSON.parse(text.toString('utf8')) as { tollgate_canary?: number; verdict?: string; baseline?: { model: string }; candidate?: { model: string } };
          if (parsed.tollgate_canary !== 1) throw new UsageError(`${o.canary} is not a tollgate canary report`);
          if (parsed.verdict !== 'promote') throw new UsageError(`${o.canary} says ${parsed.verdict}: only a promoted candidate may ship`);
          files['canary.json'] = text;
          canary = { verdict: parsed.verdict, baseline: parsed.baseline!.model, candidate: parsed.candidate!.model, sha256: sha256Hex(text) };
        }
        const scored = mutation?.report;
        if (scored) files[MUTATION_PATH] = encoder.encode(`${JSON.stringify(scored, null, 2)}\n`);
        files[REPORT_PATH] = encoder.encode([...reportJsonPieces(report, log, { baseline: baseline ? baselineOf(report) : null, verdict })].join(''));
        const now = new Date();
        const bundle: BundleFile = createBundle(files, {
          name: project.name, version, created: now.toISOString(), expires: new Date(now.getTime() + ttl).toISOString(), git_commit: gitCommit(wb.root),
          gate: { pass: true, cases: report.totals.cases, passed: report.totals.passed },
          report_digest: { sha256: sha256Hex(files[REPORT_PATH]) }, models, canary,
          mutation: scored ? { score: scored.score, killed: scored.killed, survived: scored.survived, ignored: scored.ignored, total: scored.total, suite_digest: mutation!.digest, sha256: sha256Hex(files[MUTATION_PATH]!) } : null,
          coverage: { ratio: coverage.totals.ratio, covered: coverage.totals.covered, total: coverage.totals.total },
        }, privateKeyPem);
        mkdirSync(o.out, { recursive: true });
        const file = path.join(o.out, `${project.name}-v${version}.bundle.json`);
        if (existsSync(file)) throw new UsageError(`${file} exists: release a higher --version`);
        writeFileSync(`${file}.tmp`, `${JSON.stringify(bundle)}\n`);
        renameSync(`${file}.tmp`, file);
        process.stdout.write(`gate passed (${report.totals.passed}/${report.totals.cases}); wrote ${file}: version ${version}, ${Object.keys(files).length} files, key ${fingerprint(privateKeyPem)}\n`);
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
      let bytes: Buffer;
      try {
        bytes = readFileSync(file);
      } catch {
        throw new UsageError(`cannot read bundle ${file}`);
      }
      const verified = verifyBundle(bytes, readKey(o.trust));
      // The runtime's rule: never older than the version it accepted last (the same one again is a restart).
      const accepted = o.state ? new AcceptedVersion(path.join(o.state, 'accepted-version.json')).get() : undefined;
      const result = verified.ok && accepted !== undefined && verified.statement.predicate.version < accepted
        ? { ok: false as const, code: 'TG_BUNDLE_ROLLBACK' as const, message: `version ${verified.statement.predicate.version} is older than the version ${accepted} the runtime at ${o.state} accepted` }
        : verified;
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

function lastVersion(dir: string): number {
  if (!existsSync(dir)) return 0;
  return Math.max(0, ...readdirSync(dir).map((f) => Number(/-v(\d+)\.bundle\.json$/.exec(f)?.[1] ?? 0)));
}

function gitCommit(root: string): string | null {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}
