import type { GateVerdict } from '../gate.ts';
import type { EvalReport } from '../report.ts';
import { ungroundedClaims } from '../ungrounded.ts';

/** The Markdown summary for a pull request (and $GITHUB_STEP_SUMMARY); `coverage`, a rendered policy coverage section, goes last. */
export function toMarkdown(report: EvalReport, verdict: GateVerdict, coverage?: string): string {
  const t = report.totals;
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const lines = [
    `## tollgate gate: ${verdict.pass ? '✅ passed' : '❌ failed'}`,
    '',
    `| cases | passed | pass rate | grounding | hard violations | policy blocks | cost / run | p95 latency |`,
    `|---:|---:|---:|---:|---:|---:|---:|---:|`,
    `| ${t.cases} | ${t.passed} | ${pct(t.pass_rate)} | ${pct(t.grounding_rate)} | ${t.hard_violations} | ${t.policy_blocks} | $${t.cost_per_run_usd.toFixed(6)} | ${t.p95_latency_ms} ms |`,
    '',
  ];
  if (verdict.reasons.length) lines.push('### Why it fails', '', ...verdict.reasons.map((r) => `- ${r.message}`), '');
  if (verdict.warnings.length) lines.push('### Warnings', '', ...verdict.warnings.map((r) => `- ${r.message}`), '');
  if (verdict.failures.length) lines.push('### Failing cases', '', '| case | scorer | reason |', '|---|---|---|', ...report.cases.filter((c) => !c.pass).flatMap((c) => c.scores.filter((s) => !s.pass).map((s) => `| \`${c.key}\` | ${s.scorer} | ${s.reason.replace(/\|/g, '\\|')} |`)), '');
  const ungrounded = ungroundedClaims(report);
  if (ungrounded.length) lines.push('### Ungrounded claims', '', ...ungrounded.map((u) => `- \`${u.case}\`: ${u.text.replace(/\|/g, '\\|')}`), '');
  const b = verdict.baseline;
  if (b.compared) {
    lines.push('### Against the baseline', '', `- newly failing: ${b.regressions.length ? b.regressions.map((k) => `\`${k}\``).join(', ') : 'none'}`, `- newly passing: ${b.fixed.length ? b.fixed.map((k) => `\`${k}\``).join(', ') : 'none'}`, `- cost up beyond tolerance: ${b.cost_up.length ? b.cost_up.map((k) => `\`${k}\``).join(', ') : 'none'}`);
    if (b.missing.length) lines.push(`- in the baseline but not run: ${b.missing.map((k) => `\`${k}\``).join(', ')}`);
    if (b.new_cases.length) lines.push(`- new to the baseline: ${b.new_cases.map((k) => `\`${k}\``).join(', ')}`);
    if (b.drift.length) lines.push('', '| case | metric | baseline | now | change | verdict |', '|---|---|---:|---:|---:|---|', ...b.drift.map((d) => `| \`${d.case}\` | ${d.metric} | ${d.before} | ${d.after} | ${Number.isFinite(d.change) ? `${d.change > 0 ? '+' : ''}${(d.change * 100).toFixed(0)}%` : 'from 0'} | ${d.severity === 'fail' ? '❌ fails' : '⚠️ warns'} |`));
    lines.push('');
  }
  if (coverage) lines.push(coverage.trimEnd(), '');
  return `${lines.join('\n')}\n`;
}
