import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { judge, runEval, toJUnit, toMarkdown, type EvalReport } from '../../src/evals/index.ts';
import { Workbench } from '../../src/workbench/index.ts';
import { REPO } from '../support/cli.ts';
import { copyExampleProject } from '../support/mini-project.ts';

// Every PII variant of the corpus enters a real run (ticket text, object keys, numbers, the
// correlation ID, the model's own replies, tool replies); then every place tollgate writes is
// searched for the raw values. Identifiers of the negative corpus must reach the tools intact.
interface Positive { id: string; text?: string; value?: unknown; raw: string | string[] }
interface Negative { id: string; text?: string; value?: unknown; intact: string[] }
const positives = JSON.parse(readFileSync(path.join(REPO, 'fixtures', 'pii', 'positives.json'), 'utf8')) as Positive[];
const negatives = JSON.parse(readFileSync(path.join(REPO, 'fixtures', 'pii', 'negatives.json'), 'utf8')) as Negative[];

// Positives and negatives run in projects of their own: a negative's identifier (a bare 123456789)
// may equal a positive's raw value (an SSN with context), and must be stored intact.
let root: string;
let negRoot: string;
let wb: Workbench;
let negWb: Workbench;
let report: EvalReport;
let negReport: EvalReport;
const runIds = new Map<string, string>();

/** A gold case whose ticket carries the entry and whose triage agent echoes it back in its answer. */
function writeCase(project: string, id: string, entry: { text?: string; value?: unknown }, echo: string, correlation: string): void {
  const script = {
    scripted: true,
    agents: {
      triage: [
        { tool_calls: [{ name: 'orders.get', arguments: { order_id: 'O-1002' } }] },
        { content: JSON.stringify({ category: 'other', summary: `Customer wrote: ${echo}`.slice(0, 300) }) },
      ],
    },
  };
  const event = { type: 'ticket.created', correlation_id: correlation, ticket: { id: 'T-77', subject: 'Question', text: entry.text ?? 'see details', details: entry.value ?? null, customer_email: 'sam.okafor@example.com', channel: 'email' } };
  mkdirSync(path.join(project, 'fixtures', 'models', 'pii'), { recursive: true });
  writeFileSync(path.join(project, 'fixtures', 'models', 'pii', `${id}.yaml`), JSON.stringify(script));
  writeFileSync(path.join(project, 'evals', 'gold', 'refund-request', `${id}.yaml`), JSON.stringify({ id, workflow: 'refund-request', description: `PII corpus: ${id}`, event, model_script: `fixtures/models/pii/${id}.yaml`, expect: { end: 'escalated' } }));
}

const raws = (p: Positive) => (Array.isArray(p.raw) ? p.raw : [p.raw]);
/** Each raw value, and its digits/letters with separators and invisible characters removed (long enough to mean something). */
function needles(raw: string): string[] {
  const folded = raw.normalize('NFKC').replace(/[\p{Cf}\u00AD]/gu, '');
  const bare = folded.replace(/[\s.\-–()[\]@_]/g, '');
  return [...new Set([raw, folded, ...(bare.length >= 8 ? [bare] : [])])].filter((n) => n.length >= 5);
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

beforeAll(async () => {
  root = copyExampleProject();
  for (const p of positives) {
    const echo = p.text ?? JSON.stringify(p.value);
    const email = raws(p).find((r) => r.includes('@'));
    writeCase(root, `pii-pos-${p.id}`, p, echo, email ? `cor-${email}` : `cor-${p.id}`);
  }
  wb = Workbench.open(root, { dbPath: path.join(root, '.tollgate', 'pii.db'), world: { kind: 'mocked', keepState: true } });
  report = await runEval(wb, { cases: 'pii-*', concurrency: 4 });
  const out = path.join(root, 'reports');
  mkdirSync(out, { recursive: true });
  writeFileSync(path.join(out, 'eval.json'), JSON.stringify(report, null, 2));
  writeFileSync(path.join(out, 'junit.xml'), toJUnit(report));
  writeFileSync(path.join(out, 'summary.md'), toMarkdown(report, judge(report, wb.definitions.gate!.value, undefined)));

  negRoot = copyExampleProject();
  for (const n of negatives) writeCase(negRoot, `pii-neg-${n.id}`, n, n.text ?? n.intact.join(' '), `cor-${n.id}`);
  negWb = Workbench.open(negRoot, { dbPath: path.join(negRoot, '.tollgate', 'neg.db'), world: { kind: 'mocked', keepState: true } });
  negReport = await runEval(negWb, { cases: 'pii-*', concurrency: 4 });
  for (const c of [...report.cases, ...negReport.cases]) runIds.set(c.id.replace(/^.*\//, ''), c.run_id);
}, 120_000);
afterAll(async () => Promise.all([wb?.close(), negWb?.close()]));

describe('PII at rest: no raw value of the corpus is stored anywhere', () => {
  it('every case ran', () => {
    expect([report.cases.length, negReport.cases.length]).toEqual([positives.length, negatives.length]);
    expect([...report.cases, ...negReport.cases].filter((c) => !c.run_id)).toEqual([]);
  });

  it('the database (with its WAL), traces, logs, reports and every model request hold no raw value', async () => {
    await wb.close({ keepStore: true });
    const files = [path.join(root, '.tollgate', 'pii.db'), path.join(root, '.tollgate', 'pii.db-wal'), ...filesUnder(path.join(root, 'traces')), ...filesUnder(path.join(root, '.tollgate', 'logs')), ...filesUnder(path.join(root, 'reports'))].filter(existsSync);
    expect(files.some((f) => f.endsWith('-wal'))).toBe(true);
    expect(files.filter((f) => f.includes(`${path.sep}traces${path.sep}`)).length).toBeGreaterThanOrEqual(positives.length);
    const texts = files.map((f) => ({ file: path.relative(root, f), text: readFileSync(f).toString('latin1') + readFileSync(f, 'utf8') }));
    const mocks = await wb.mocks();
    const found: { id: string; value: string; where: string }[] = [];
    for (const p of positives) {
      const bodies = mocks.modelRequests(runIds.get(`pii-pos-${p.id}`) ?? '').map((b) => JSON.stringify(b));
      for (const raw of raws(p)) {
        for (const needle of needles(raw)) {
          for (const t of texts) if (t.text.includes(needle)) found.push({ id: p.id, value: needle, where: t.file });
          if (bodies.some((b) => b.includes(needle) || JSON.parse(b).messages?.some((m: { content?: string }) => m.content?.includes(needle)))) found.push({ id: p.id, value: needle, where: 'a model request' });
        }
      }
    }
    console.log(`PII at rest: ${positives.length} positive variants, ${files.length} files searched, ${found.length} raw values found`);
    console.log([...new Set(found.map((f) => `${f.id}: ${JSON.stringify(f.value)} in ${f.where.replace(/run_\w+/, 'RUN')}`))].join('\n'));
    expect(found).toEqual([]);
  });

  it('runs hold no raw PII in their run or correlation IDs', () => {
    const rows = wb.db.prepare('SELECT run_id, correlation_id FROM runs').all() as { run_id: string; correlation_id: string }[];
    const emails = positives.flatMap(raws).filter((r) => r.includes('@'));
    expect(rows.filter((r) => emails.some((e) => r.correlation_id.includes(e) || r.run_id.includes(e)))).toEqual([]);
    expect(rows.filter((r) => r.correlation_id.startsWith('cor_p')).length).toBeGreaterThan(0);
  });

  it('identifiers of the negative corpus reach the tools intact, with no placeholder in their place', async () => {
    const mocks = await negWb.mocks();
    const problems: string[] = [];
    for (const n of negatives) {
      const runId = runIds.get(`pii-neg-${n.id}`);
      const ticket = mocks.requests(runId ?? '').find((r) => r.tool === 'tickets.create');
      const body = JSON.stringify(ticket?.body ?? null);
      if (!ticket) problems.push(`${n.id}: no ticket was created`);
      for (const s of n.intact) if (!JSON.parse(body).body?.includes(s)) problems.push(`${n.id}: "${s}" did not arrive intact (${body})`);
      if (/<[A-Z_]+_\d+>/.test(body)) problems.push(`${n.id}: a placeholder replaced an identifier (${body})`);
    }
    console.log(`PII negatives: ${negatives.length} entries, ${problems.length} false positives`);
    expect(problems).toEqual([]);
  });
});
