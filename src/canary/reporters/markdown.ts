import type { CanaryReport } from '../types.ts';

const ICON = { promote: '✅ promote', hold: '⏸️ hold', reject: '❌ reject' } as const;

/** The canary report as Markdown, for a pull-request comment. */
export function canaryMarkdown(r: CanaryReport): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const row = (label: string, f: (s: CanaryReport['baseline']) => string) => `| ${label} | ${f(r.baseline)} | ${f(r.candidate)} |`;
  const lines = [
    `## tollgate canary: ${ICON[r.verdict]} \`${r.candidate.model}\` against \`${r.baseline.model}\``,
    '',
    `Mode: ${r.mode}; ${r.repeats} repeat(s) per model; ${r.cases.length} case(s).`,
    '',
    ...r.reasons.map((x) => `- ${x}`),
    '',
    '| | baseline | candidate |',
    '|---|---:|---:|',
    row('model', (s) => `\`${s.model}\``),
    row('digest', (s) => `\`${s.digest ?? '—'}\``),
    row('pass rate', (s) => pct(s.pass_rate)),
    row('hard violations', (s) => String(s.hard_violations)),
    row('policy blocks', (s) => String(s.policy_blocks)),
    row('approvals asked', (s) => String(s.approvals)),
    row('tokens', (s) => String(s.tokens)),
    row('cost per case', (s) => `$${s.cost_per_case_usd.toFixed(6)}`),
    row('latency p50 / p95', (s) => `${s.p50_latency_ms} / ${s.p95_latency_ms} ms`),
    '',
    '| case | finding | notes |',
    '|---|---|---|',
    ...r.cases.filter((c) => c.finding !== 'same').map((c) => `| \`${c.key}\` | ${c.finding} | ${c.notes.join('; ').replace(/\|/g, '\\|') || '—'} |`),
    '',
    `<sub>${r.statistic}</sub>`,
    '',
  ];
  return lines.join('\n');
}
