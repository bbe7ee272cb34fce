import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { openAuditTrail, readCheckpoint, writeCheckpoint } from '../../audit/index.ts';
import { findProjectRoot } from '../../project/index.ts';
import { busyTimeout, initOption, projectOption } from '../project-option.ts';

export function registerAuditCommands(program: Command): void {
  const audit = program.command('audit').description('the tamper-evident audit log');

  audit
    .command('verify')
    .description('walk every row of the hash chain; name each edited, deleted, inserted or reordered row')
    .option('--checkpoint <file>', 'checkpoint kept outside the database (default .tollgate/audit.checkpoint)')
    .option('--json', 'print JSON')
    .action((o: { checkpoint?: string; json?: boolean }, command: Command) => {
      const { log, checkpointFile, close } = openAudit(command, o.checkpoint);
      try {
        const checkpoint = readCheckpoint(checkpointFile);
        const result = log.verify(checkpoint);
        if (o.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
        else if (result.ok) process.stdout.write(`ok: ${result.head.seq} rows, head ${result.head.hash}${checkpoint ? ` (checkpoint at row ${checkpoint.seq} matches)` : ''}\n`);
        else for (const p of result.problems) process.stderr.write(`audit row ${p.seq}: ${p.kind}: ${p.message}\n`);
        // A verified chain moves the checkpoint forward; a broken one never does.
        if (result.ok && result.head.seq > 0) writeCheckpoint(checkpointFile, { origin: 'tollgate-audit', ...result.head });
        if (!result.ok) process.exitCode = 1;
      } finally {
        close();
      }
    });

  audit
    .command('export')
    .description('write the chain (one JSON row per line) and its head hash')
    .option('--out <file>', 'output file', 'audit-export.jsonl')
    .action((o: { out: string }, command: Command) => {
      const { log, close } = openAudit(command);
      try {
        const rows = log.rows();
        const result = log.verify();
        const lines = rows.map((r) => JSON.stringify({ seq: r.seq, ts: r.ts, actor: r.actor, action: r.action, body: JSON.parse(r.bodyJcs), prev_hash: r.prevHash, hash: r.hash }));
        lines.push(JSON.stringify({ head: result.head, verified: result.ok }));
        writeFileSync(o.out, `${lines.join('\n')}\n`);
        process.stdout.write(`wrote ${rows.length} rows to ${o.out}; head ${result.head.hash}${result.ok ? '' : ' (the chain does NOT verify: run tollgate audit verify)'}\n`);
      } finally {
        close();
      }
    });
}

function openAudit(command: Command, checkpoint?: string) {
  const root = findProjectRoot(projectOption(command) ?? '.');
  return openAuditTrail(root, { ...(process.env.TOLLGATE_DB ? { dbFile: process.env.TOLLGATE_DB } : {}), init: initOption(command), ...busyTimeout(), ...(checkpoint ? { checkpoint } : {}) });
}
