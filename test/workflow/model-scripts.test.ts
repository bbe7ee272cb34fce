import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readProject } from '../../src/project/index.ts';
import { formatDiagnostic } from '../../src/workflow/index.ts';
import { DefinitionsInvalidError, Workbench } from '../../src/workbench/index.ts';
import { REPO as REPO_ROOT } from '../support/cli.ts';
import { copyExampleProject } from '../support/mini-project.ts';

const errors = (root: string) => readProject(root).diagnostics.map(formatDiagnostic);
const INJECTION = 'fixtures/models/alert-fired/alert-injection-finance-tools.yaml';

function edit(root: string, file: string, from: string | RegExp, to: string): void {
  const full = path.join(root, file);
  const text = readFileSync(full, 'utf8');
  const next = text.replace(from, to);
  if (next === text) throw new Error(`edit did not apply to ${file}: ${String(from)}`);
  writeFileSync(full, next);
}

describe('model scripts are checked against the workflows that use them', () => {
  it('the example project passes, injection scripts that call tools their agent lacks included', () => {
    expect(errors(REPO_ROOT)).toEqual([]);
    const { definitions } = readProject(REPO_ROOT);
    expect(definitions.modelScripts.length).toBe(definitions.goldCases.length);
    const script = definitions.modelScripts.find((s) => s.source.file === INJECTION)!.value;
    const triage = definitions.workflows.find((w) => w.value.id === 'alert-fired')!.value.agents.triage!;
    expect(script.agents.triage!.flatMap((t) => t.tool_calls ?? []).some((c) => !triage.tools.includes(c.name))).toBe(true);
  });

  it('a call the agent is not offered is an error once no gold case using the script expects it refused', () => {
    const root = copyExampleProject();
    edit(root, 'evals/gold/alert-fired/alert-injection-finance-tools.yaml', /\n {2}blocked:\n( {4}- .*\n)+/, '\n');
    edit(root, 'evals/gold/alert-fired/alert-injection-finance-tools.yaml', /\n {2}tools_not_called: .*/, '');
    const found = errors(root).filter((e) => e.startsWith(INJECTION));
    expect(found).toHaveLength(4);
    expect(found[0]).toMatch(/^fixtures\/models\/alert-fired\/alert-injection-finance-tools\.yaml:\d+:\d+: error TG_TOOL_NOT_ALLOWED: agent "triage" of workflow "alert-fired" is not offered "payments\.schedule" \(its tools: [^)]+\): expected one of its tools/);
  });

  it('a run or a gate refuses to start on a broken script, naming its file and line', () => {
    const root = copyExampleProject();
    edit(root, 'fixtures/models/refund-request/small-refund-auto.yaml', /^ {2}triage:/m, '  triag:');
    let error: unknown;
    try {
      Workbench.open(root, { dbPath: path.join(root, '.tollgate', 'x.db'), traces: false });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DefinitionsInvalidError);
    expect((error as DefinitionsInvalidError).lines).toEqual([
      'fixtures/models/refund-request/small-refund-auto.yaml:6:3: error TG_UNKNOWN_AGENT: "triag" is not an agent of workflow "refund-request": did you mean "triage"? (its agents: triage)',
    ]);
  });

  it('only an agent\'s last answer must match its output schema: an earlier one may be wrong on purpose, to exercise a retry', () => {
    const root = copyExampleProject();
    const script = 'fixtures/models/refund-request/small-refund-auto.yaml';
    edit(root, script, /^( {4}- content: .*)$/m, '    - content: "Sure! It is a refund."\n$1');
    expect(errors(root)).toEqual([]);
    edit(root, script, /^ {4}- content: "\{.*$/m, '    - content: "{\\"category\\": \\"refundz\\"}"');
    expect(errors(root)).toEqual([
      `${script}:10:16: error TG_JSON_SCHEMA: the answer of agent "triage" does not match its output schema: (root) must have required property 'summary'; /category must be equal to one of the allowed values ("refund", "question", "other")`,
    ]);
  });

  it('a script that gold cases of two workflows use is checked against both', () => {
    const root = copyExampleProject();
    // An invoice case now borrows a refund script, whose agent the invoice workflow does not have.
    edit(root, 'evals/gold/invoice-received/invoice-matches-po.yaml', /^model_script: .*$/m, 'model_script: fixtures/models/refund-request/small-refund-auto.yaml');
    expect(errors(root)).toEqual([
      'fixtures/models/refund-request/small-refund-auto.yaml:6:3: error TG_UNKNOWN_AGENT: "triage" is not an agent of workflow "invoice-received" (its agents: extractor)',
    ]);
  });
});
