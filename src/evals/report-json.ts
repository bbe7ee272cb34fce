import type { CaseLog } from './case-log.ts';
import type { EvalReport } from './report.ts';

const CASES = '\u0000cases\u0000';

/**
 * The report file's text — `JSON.stringify({ ...report, ...extra }, null, 2)` with each case in
 * full, and a newline — in pieces: the cases come from the log one at a time, so a report of
 * 20,000 cases is never one string.
 */
export function* reportJsonPieces(report: EvalReport, log: CaseLog, extra: Record<string, unknown> = {}): Generator<string> {
  const text = `${JSON.stringify({ ...report, cases: CASES, ...extra }, null, 2)}\n`;
  const marker = JSON.stringify(CASES);
  const at = text.indexOf(marker);
  yield text.slice(0, at);
  if (report.cases.length === 0) yield '[]';
  else {
    yield '[';
    for (const [i, c] of report.cases.entries()) yield `${i === 0 ? '' : ','}\n    ${log.text(c.key).replaceAll('\n', '\n    ')}`;
    yield '\n  ]';
  }
  yield text.slice(at + marker.length);
}
