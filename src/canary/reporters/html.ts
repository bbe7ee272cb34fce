import type { Change } from 'diff';
import type { CanaryReport, Sample } from '../types.ts';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function diffHtml(changes: readonly Change[]): string {
  return changes.map((c) => (c.added ? `<ins>${esc(c.value)}</ins>` : c.removed ? `<del>${esc(c.value)}</del>` : esc(c.value))).join('');
}

/** Bars of a per-case figure on both sides, as inline SVG. */
function bars(title: string, cases: CanaryReport['cases'], pick: (s: Sample) => number, unit: string): string {
  const values = cases.map((c) => [avg(c.baseline.map(pick)), avg(c.candidate.map(pick))] as const);
  const max = Math.max(1e-9, ...values.flat());
  const h = 16;
  const rows = values
    .map(([b, c], i) => {
      const y = 24 + i * (h * 2 + 6);
      return `<text x="0" y="${y + 12}" class="label">${esc(cases[i]!.key.split('/')[1]!)}</text>
<rect x="230" y="${y}" width="${(b / max) * 300}" height="${h - 2}" class="base"/><text x="${236 + (b / max) * 300}" y="${y + 12}" class="v">${fmt(b)}${unit}</text>
<rect x="230" y="${y + h}" width="${(c / max) * 300}" height="${h - 2}" class="cand"/><text x="${236 + (c / max) * 300}" y="${y + h + 12}" class="v">${fmt(c)}${unit}</text>`;
    })
    .join('\n');
  return `<figure><figcaption>${esc(title)}</figcaption><svg role="img" aria-label="${esc(title)}" width="640" height="${30 + values.length * (h * 2 + 6)}">${rows}</svg></figure>`;
}

const avg = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
const fmt = (x: number) => (x < 0.01 ? x.toFixed(6) : x < 10 ? x.toFixed(2) : Math.round(x).toString());

/** One self-contained HTML file (no network, no external assets): summary, per-case diffs, charts. */
export function canaryHtml(r: CanaryReport): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const summaryRows = ([
    ['pass rate', (s) => pct(s.pass_rate)], ['hard violations', (s) => String(s.hard_violations)], ['policy blocks', (s) => String(s.policy_blocks)],
    ['tokens', (s) => String(s.tokens)], ['cost per case', (s) => `$${s.cost_per_case_usd.toFixed(6)}`], ['latency p50 / p95', (s) => `${s.p50_latency_ms} / ${s.p95_latency_ms} ms`],
  ] as [string, (s: CanaryReport['baseline']) => string][])
    .map(([label, f]) => `<tr><th>${label}</th><td data-side="baseline" data-metric="${esc(label)}">${f(r.baseline)}</td><td data-side="candidate" data-metric="${esc(label)}">${f(r.candidate)}</td></tr>`)
    .join('');
  const caseRows = r.cases
    .map((c) => `<section class="case ${c.finding}" data-case="${esc(c.key)}" data-finding="${c.finding}">
<h3>${esc(c.key)} <span class="finding">${c.finding}</span></h3>
${c.notes.length ? `<p class="notes">${c.notes.map(esc).join(' · ')}</p>` : ''}
<div class="sides"><div><h4>${esc(r.baseline.model)}</h4><p>${c.baseline.map((s) => (s.pass ? 'pass' : 'FAIL')).join(', ')} · ends ${esc(c.baseline[0]?.end ?? '')}</p></div>
<div><h4>${esc(r.candidate.model)}</h4><p>${c.candidate.map((s) => (s.pass ? 'pass' : 'FAIL')).join(', ')} · ends ${esc(c.candidate[0]?.end ?? '')}</p></div></div>
<h4>answer</h4><pre class="diff answer">${diffHtml(c.answerDiff)}</pre>
<h4>tool calls</h4><pre class="diff tools">${diffHtml(c.toolDiff)}</pre>
</section>`)
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>tollgate canary: ${esc(r.candidate.model)} vs ${esc(r.baseline.model)}</title>
<style>
body{font:14px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:960px;color:#1b1f24;padding:0 1rem}
h1{font-size:1.4rem}.verdict{display:inline-block;padding:.2rem .6rem;border-radius:4px;font-weight:600}
.promote{background:#dafbe1}.hold{background:#fff8c5}.reject{background:#ffebe9}
table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #d0d7de;padding:.3rem .7rem;text-align:right}th{text-align:left}
.case{border:1px solid #d0d7de;border-radius:6px;padding:.5rem 1rem;margin:1rem 0}.case.regressed{border-color:#cf222e}.case.flaky{border-color:#bf8700}
.sides{display:grid;grid-template-columns:1fr 1fr;gap:1rem}.finding{font-size:.8rem;color:#57606a}
pre.diff{white-space:pre-wrap;background:#f6f8fa;padding:.5rem;border-radius:4px}ins{background:#aceebb;text-decoration:none}del{background:#ffcecb}
svg .label{font-size:11px}svg .v{font-size:10px;fill:#57606a}svg .base{fill:#8c959f}svg .cand{fill:#0969da}figure{margin:1rem 0}
</style></head><body>
<h1>tollgate canary: <code>${esc(r.candidate.model)}</code> against <code>${esc(r.baseline.model)}</code></h1>
<p><span id="verdict" class="verdict ${r.verdict}">${r.verdict}</span> · mode: ${esc(r.mode)} · ${r.repeats} repeat(s) · ${r.cases.length} case(s)</p>
<ul id="reasons">${r.reasons.map((x) => `<li>${esc(x)}</li>`).join('')}</ul>
<table id="summary"><tr><th></th><th>${esc(r.baseline.model)} (baseline)</th><th>${esc(r.candidate.model)} (candidate)</th></tr>${summaryRows}</table>
${bars('Cost per case (USD): baseline grey, candidate blue', r.cases, (s) => s.cost_usd, '')}
${bars('Latency per case (ms): baseline grey, candidate blue', r.cases, (s) => s.latency_ms, ' ms')}
<h2>Cases</h2>
${caseRows}
<p><small>${esc(r.statistic)}</small></p>
</body></html>
`;
}
