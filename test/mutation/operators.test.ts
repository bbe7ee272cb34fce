import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Baseline } from '../../src/evals/index.ts';
import { editYaml, generateMutants, OPERATORS, runMutants, type Mutant } from '../../src/mutation/index.ts';
import { parseDocument } from 'yaml';
import { Workbench } from '../../src/workbench/index.ts';
import { copyExampleProject } from '../support/mini-project.ts';

const SUPPORT = 'workflows/policies/support-default.yaml';
const REFUND = 'workflows/refund-request.yaml';

/** Per operator, one mutant of the example project and the line of its diff that shows the mutation. */
const CHOSEN: [operator: string, id: string, removed: RegExp, added: RegExp | null][] = [
  ['loosen-constraint-bound', `${SUPPORT}#constraints[0]`, /args\.amount <= 500"/, /args\.amount <= 1000/],
  ['negate-constraint', `${SUPPORT}#constraints[1]`, /one-recipient.*rule: "!args/, /rule: "?!\(!args\.to/],
  ['drop-deny-rule', `${SUPPORT}#tools.deny[0]`, /deny: \["payments\.\*", "vendors\.\*"\]/, /deny: \[ ?"vendors\.\*" ?\]/],
  ['drop-allow-entry', `${SUPPORT}#tools.allow[0]`, /allow: \[orders\.get, kb\.search/, /allow: \[ ?kb\.search/],
  ['drop-approval-rule', `${SUPPORT}#approvals[0]`, /id: refund-over-50/, null],
  ['lower-quorum', `${SUPPORT}#approvals[1]`, /refund-over-200.*approvers: 2/, /refund-over-200.*approvers: 1/],
  ['raise-approval-threshold', `${SUPPORT}#approvals[1]`, /args\.amount > 200/, /args\.amount > 400/],
  // (Inverting triage's transitions no longer validates: the step each leads to reads a field of triage's output that the inverted test no longer proves present.)
  ['invert-transition', `${REFUND}#steps[1].next[0]`, /when: 'output\.status == "delivered"/, /when: '!\(output\.status == "delivered"/],
  ['reorder-transitions', `${REFUND}#steps[0].next[0]`, /output\.category == "refund".*to: lookup/, /output\.category == "question".*to: answer/],
  ['drop-step', 'workflows/alert-fired.yaml#steps[1]', /- id: page$/, /to: paged \}/],
  ['drop-compensation', `${REFUND}#steps[2].compensate`, /compensate: \{ tool: refunds\.cancel/, null],
  ['live-writes', `${SUPPORT}#environments.staging`, /staging: \{ writes: sandbox \}/, /staging: \{ writes: live \}/],
  ['drop-data-flow-rule', `${SUPPORT}#results[0]`, /id: own-orders-only/, null],
  ['widen-budget', `${SUPPORT}#loops.max_denied_calls.per_step`, /per_step: 3,/, /per_step: 30,/],
  ['swap-route-model', 'tollgate.yaml#models.routes.low-risk', /low-risk: llama3\.2:3b/, /low-risk: qwen2\.5:7b/],
];

describe('mutation operators on the example project', () => {
  let root: string;
  let wb: Workbench;
  let mutants: Mutant[];
  beforeAll(() => {
    root = copyExampleProject();
    wb = Workbench.open(root, { dbPath: path.join(root, '.tollgate', 'mutate.db'), traces: false });
    mutants = generateMutants({ definitions: wb.definitions, files: wb.snapshot });
  });
  afterAll(() => wb.close());

  it('every mutant is valid YAML that means what its edit says (no operator writes a broken file)', () => {
    for (const m of mutants) {
      for (const e of m.edits) expect(parseDocument(e.after).errors, m.id).toEqual([]);
      try {
        wb.definitionsOf({ ...wb.snapshot, ...Object.fromEntries(m.edits.map((e) => [e.file, e.after])) });
      } catch (error) {
        // Only cross-reference checks may refuse a mutant (a later step reads the step it dropped).
        expect((error as { lines: string[] }).lines.every((l) => !l.includes('TG_YAML_SYNTAX') && !l.includes('TG_SCHEMA')), `${m.id}: ${String(error)}`).toBe(true);
      }
    }
  });

  it('the catalogue has at least 12 operators, each producing mutants of the example', () => {
    expect(OPERATORS.length).toBeGreaterThanOrEqual(12);
    for (const op of OPERATORS) expect(mutants.filter((m) => m.operator === op.id).length, op.id).toBeGreaterThan(0);
    expect(new Set(mutants.map((m) => m.id)).size).toBe(mutants.length);
  });

  for (const [operator, where, removed, added] of CHOSEN) {
    it(`${operator}: the mutant changes exactly what it says`, () => {
      const m = mutants.find((x) => x.id === `${operator}@${where}`);
      expect(m, `${operator}@${where} among ${mutants.filter((x) => x.operator === operator).map((x) => x.id).join(', ')}`).toBeDefined();
      const [edit] = m!.edits;
      const before = edit!.before.split('\n');
      const after = edit!.after.split('\n');
      if (operator === 'reorder-transitions') {
        // The same lines in another order: the second condition now comes first.
        const first = (lines: string[], re: RegExp) => lines.findIndex((l) => re.test(l));
        expect([first(before, removed) < first(before, added!), first(after, removed) > first(after, added!)]).toEqual([true, true]);
        expect([...after].sort()).toEqual([...before].sort());
        return;
      }
      const gone = before.filter((l) => !after.includes(l));
      const come = after.filter((l) => !before.includes(l));
      expect(gone.some((l) => removed.test(l)), gone.join('\n')).toBe(true);
      if (added) expect(come.some((l) => added.test(l)), come.join('\n')).toBe(true);
      // Nothing else in the file moves: every other line keeps its bytes.
      expect(gone.length).toBeLessThanOrEqual(operator === 'drop-step' ? 12 : 3);
    });
  }

  it('the gold suite kills each chosen mutant, and says which case did it and why', async () => {
    // Reordering the example's transitions is equivalent (its conditions exclude each other): gate.yaml ignores it.
    const chosen = CHOSEN.filter(([op]) => op !== 'reorder-transitions').map(([op, where]) => mutants.find((m) => m.id === `${op}@${where}`)!);
    const gate = wb.definitions.gate!.value;
    const baseline = JSON.parse(readFileSync(path.join(root, 'evals', 'baseline.json'), 'utf8')) as Baseline;
    const cases = wb.definitions.goldCases;
    const results = await runMutants(wb, chosen, cases, { gate, baseline, concurrency: 8, ignore: new Map() });
    for (const r of results) {
      expect(r.status, `${r.id}: ${r.killed_by?.reason ?? 'survived'}`).toBe('killed');
      expect(r.killed_by!.case, `${r.id} is killed by a gold case, not by validation`).toBeDefined();
      expect(r.killed_by!.reason.length).toBeGreaterThan(10);
      expect(r.diff).toMatch(/^--- a\//m);
    }
    const by = Object.fromEntries(results.map((r) => [r.operator, r.killed_by!]));
    expect(by['loosen-constraint-bound']!.case).toBe('refund-request/refund-just-over-cap');
    expect(by['lower-quorum']!.case).toBe('refund-request/refund-two-person');
    expect(by['lower-quorum']!.reason).toMatch(/expect\.approvals\[0\].*quorum 2/);
    expect(by['swap-route-model']!.reason).toMatch(/cost_usd rose|tokens/);
  }, 120_000);
});

describe('editing YAML for a mutant', () => {
  it('inserts and removes lines where they belong', () => {
    const text = 'l: [p, q]\na:\n  x: 1\nb:\n  y: 2\nm: [r, s]\n';
    expect(editYaml('f', text, (doc) => doc.setIn(['a', 'z'], 3)).after).toBe('l: [p, q]\na:\n  x: 1\n  z: 3\nb:\n  y: 2\nm: [r, s]\n');
    expect(editYaml('f', text, (doc) => doc.setIn(['b', 'z'], 3)).after).toBe('l: [p, q]\na:\n  x: 1\nb:\n  y: 2\n  z: 3\nm: [r, s]\n');
    expect(editYaml('f', text, (doc) => doc.deleteIn(['a'])).after).toBe('l: [p, q]\nb:\n  y: 2\nm: [r, s]\n');
  });

  it('keeps every untouched line byte for byte, comments included', () => {
    const text = '# head\nlist: [a, b]  # keep\nmap: { x: 1, y: [p, q] }\nother:   spaced\n';
    const edit = editYaml('f.yaml', text, (doc) => doc.setIn(['map', 'x'], 2));
    expect(edit.after.split('\n').filter((l, i) => l !== text.split('\n')[i])).toEqual(['map: { x: 2, y: [ p, q ] }']);
  });
});
