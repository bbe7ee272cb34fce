import type { EvalReport } from '../report.ts';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

/** JUnit XML (the Ant/Surefire schema CI systems read): a testsuite per workflow, a testcase per gold case. */
export function toJUnit(report: EvalReport): string {
  const byWorkflow = new Map<string, EvalReport['cases']>();
  for (const c of report.cases) byWorkflow.set(c.workflow, [...(byWorkflow.get(c.workflow) ?? []), c]);
  const seconds = (ms: number) => (ms / 1000).toFixed(3);
  const suites = [...byWorkflow].map(([workflow, cases]) => {
    const failures = cases.filter((c) => !c.pass).length;
    const time = cases.reduce((s, c) => s + c.latency_ms, 0);
    const body = cases
      .map((c) => {
        const failure = c.pass ? '' : `\n      <failure message="${esc(c.failed.join(', '))} failed" type="${esc(c.failed[0] ?? 'failure')}">${esc(c.scores.filter((s) => !s.pass).map((s) => `${s.scorer}: ${s.reason}`).join('\n'))}</failure>\n    `;
        const out = `\n      <system-out>${esc(c.scores.map((s) => `${s.scorer} ${s.score}: ${s.reason}`).join('\n'))}</system-out>\n    `;
        return `    <testcase name="${esc(c.id)}" classname="${esc(`tollgate.${workflow}`)}" time="${seconds(c.latency_ms)}" file="${esc(c.file)}">${failure}${out}</testcase>`;
      })
      .join('\n');
    return `  <testsuite name="${esc(workflow)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="0" time="${seconds(time)}" timestamp="${report.created_at.slice(0, 19)}">\n${body}\n  </testsuite>`;
  });
  const t = report.totals;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="tollgate gate" tests="${t.cases}" failures="${t.cases - t.passed}" errors="0" time="${seconds(report.cases.reduce((s, c) => s + c.latency_ms, 0))}">\n${suites.join('\n')}\n</testsuites>\n`;
}
