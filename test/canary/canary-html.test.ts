import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { canaryHtml, compareCase, verdictOf, summarise, STATISTIC, type CanaryReport, type Sample } from '../../src/canary/index.ts';

const CHROMIUM = ['chromium', 'chromium-browser'].find((bin) => !spawnSync(bin, ['--version']).error);
// The test setup installs Debian's chromium when it is missing; without it the tests below fail and say so.

const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const sample = (over: Partial<Sample>): Sample => ({ pass: true, end: 'resolved', failed: [], cost_usd: 0.0001, tokens: 500, latency_ms: 40, hard_violations: 0, policy_blocks: 0, approvals: 0, tools: ['orders.get'], tool_calls: [{ tool: 'orders.get', args: { order_id: 'O-1' } }], answer: 'Refunds take 5 to 7 business days.', ...over });

function report(): CanaryReport {
  const cases = [
    compareCase('refund-request/a', 'evals/gold/refund-request/a.yaml', [sample({})], [sample({ answer: 'Refunds usually take 5 to 7 business days.' })]),
    compareCase('refund-request/b', 'evals/gold/refund-request/b.yaml', [sample({})], [sample({ pass: false, failed: ['outcome'], end: 'escalated', cost_usd: 0.0003, tools: ['tickets.create'], tool_calls: [{ tool: 'tickets.create', args: {} }] })]),
  ];
  const baseline = summarise('llama3.2:3b', cases, 'baseline');
  const candidate = summarise('cand:1b', cases, 'candidate');
  return { tollgate_canary: 1, created_at: '2026-11-24T00:00:00Z', mode: 'scripted fixtures', repeats: 1, statistic: STATISTIC, baseline, candidate, cases, ...verdictOf(cases, baseline, candidate, { max_pass_rate_drop: 0, max_cost_increase: 0.2, max_p95_latency_increase: 0.5 }) };
}

describe('the canary HTML report in headless Chromium', () => {
  it('has chromium (the test setup installs Debian\'s chromium when it is missing)', () => {
    expect(CHROMIUM, 'chromium is not installed and could not be: apt-get install chromium').toBeDefined();
  });

  it('renders offline: the DOM holds the summary numbers and a highlighted diff; a screenshot is taken', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tollgate-canary-html-'));
    const file = path.join(dir, 'canary.html');
    writeFileSync(file, canaryHtml(report()));
    const dom = spawnSync(CHROMIUM!, [...FLAGS, `--user-data-dir=${path.join(dir, 'p1')}`, '--dump-dom', `file://${file}`], { encoding: 'utf8', timeout: 60_000 });
    expect(dom.status).toBe(0);
    expect(dom.stdout).toContain('<span id="verdict" class="verdict reject">reject</span>');
    expect(dom.stdout).toMatch(/<td data-side="baseline" data-metric="pass rate">100\.0%<\/td><td data-side="candidate" data-metric="pass rate">50\.0%<\/td>/);
    expect(dom.stdout).toMatch(/<section class="case regressed" data-case="refund-request\/b" data-finding="regressed">/);
    expect(dom.stdout).toContain('<ins>usually </ins>');
    const png = path.join(dir, 'canary.png');
    const shot = spawnSync(CHROMIUM!, [...FLAGS, `--user-data-dir=${path.join(dir, 'p2')}`, '--window-size=1000,1400', `--screenshot=${png}`, `file://${file}`], { encoding: 'utf8', timeout: 60_000 });
    expect(shot.status).toBe(0);
    const bytes = readFileSync(png);
    expect(bytes.subarray(1, 4).toString()).toBe('PNG');
    expect(bytes.length).toBeGreaterThan(10_000);
  }, 120_000);
});
