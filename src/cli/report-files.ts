import { closeSync, copyFileSync, existsSync, mkdirSync, openSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { FileCaseLog, reportJsonPieces, type CaseLog, type EvalReport } from '../evals/index.ts';
import type { Workbench } from '../workbench/index.ts';

// The files the eval and gate commands write: whole or not at all, reports a case at a time.

/** An eval's full case reports in a temporary file for as long as `fn` runs: memory stays flat however many cases. */
export async function withCaseLog(fn: (log: FileCaseLog) => Promise<void>): Promise<void> {
  const log = new FileCaseLog();
  try {
    await fn(log);
  } finally {
    log.close();
  }
}

/** The trace files of the failing cases, as `<out>/failing-traces/<workflow>/<case>.json`: CI uploads them, anyone replays them. */
export function copyFailingTraces(wb: Workbench, report: EvalReport, out: string): void {
  rmSync(path.join(out, 'failing-traces'), { recursive: true, force: true }); // an earlier gate's failures may pass now
  for (const c of report.cases.filter((x) => !x.pass)) {
    const from = wb.traceFile(c.run_id);
    if (!existsSync(from)) continue;
    const to = path.join(out, 'failing-traces', c.workflow, `${c.id}.json`);
    mkdirSync(path.dirname(to), { recursive: true });
    copyFileSync(from, to);
  }
}

export function writeJson(file: string, value: unknown): string {
  return writeText(file, `${JSON.stringify(value, null, 2)}\n`);
}

/** A report file with every case in full, written a case at a time (and whole or not at all). */
export function writeReport(file: string, report: EvalReport, log: CaseLog, extra?: Record<string, unknown>): string {
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  try {
    const fd = openSync(temp, 'w');
    try {
      for (const piece of reportJsonPieces(report, log, extra)) writeSync(fd, piece);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  renameSync(temp, file);
  return file;
}

export function printReport(report: EvalReport, log: CaseLog, extra?: Record<string, unknown>): void {
  for (const piece of reportJsonPieces(report, log, extra)) process.stdout.write(piece);
}

export function writeText(file: string, text: string): string {
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, text);
  renameSync(temp, file);
  return file;
}
