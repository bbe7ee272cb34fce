import type { GateVerdict } from '../gate.ts';

const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** GitHub Actions workflow commands: an ::error at the failing expectation of each failing gold case, and one for the verdict. */
export function githubAnnotations(verdict: GateVerdict): string[] {
  const lines = verdict.failures.map((f) => `::error file=${escapeProperty(f.file ?? '')},line=${f.line ?? 1},title=${escapeProperty(`gold case ${f.case} failed`)}::${escapeData(f.message)}`);
  for (const r of verdict.reasons) lines.push(`::error ${r.file ? `file=${escapeProperty(r.file)},line=1,` : ''}title=${escapeProperty(`tollgate gate: ${r.code}`)}::${escapeData(r.message)}`);
  return lines;
}
