import { describe, expect, it } from 'vitest';
import { formatDiagnostic, loadDefinitions, validateDefinitions, type RawFile } from '../../src/workflow/index.ts';

const enc = new TextEncoder();
const PROJECT: RawFile = { path: 'tollgate.yaml', bytes: enc.encode('name: t\nmodels: { default: m, routes: { low-risk: m } }\n') };
const TOOL: RawFile = {
  path: 'workflows/tools/orders.get.yaml',
  bytes: enc.encode('name: orders.get\ndescription: d\nside_effect: read\nargs: { type: object }\nhttp: { method: GET, url: "https://o.test/{id}" }\n'),
};

function check(workflow: string): string[] {
  const files = [PROJECT, TOOL, { path: 'workflows/w.yaml', bytes: enc.encode(workflow) }];
  const { definitions, diagnostics } = loadDefinitions(files);
  return [...diagnostics, ...validateDefinitions(definitions)].map(formatDiagnostic);
}

const HEAD = 'id: w\nversion: 1\ntrigger: { event: e }\n';

describe('loading with positions', () => {
  it('locates a wrong type deep in a nested path', () => {
    expect(check(`${HEAD}steps:\n  - id: a\n    tool: orders.get\n    next:\n      - { to: 5 }\n  - id: done\n    end: ok\n`)).toEqual([
      'workflows/w.yaml:8:15: error TG_SCHEMA: steps[0].next[0].to: expected a string, got number 5',
    ]);
  });

  it('points an unknown field at the key itself', () => {
    expect(check(`${HEAD}steps:\n  - id: done\n    end: ok\n    outptu: {}\n`)).toEqual(['workflows/w.yaml:7:5: error TG_SCHEMA: steps[0]: unknown field "outptu"']);
  });

  it('locates a CEL error inside a plain and inside a quoted string', () => {
    const plain = check(`${HEAD}steps:\n  - id: a\n    tool: orders.get\n    args:\n      id: event.x + evnt.y\n  - id: done\n    end: ok\n`);
    expect(plain).toEqual(['workflows/w.yaml:8:21: error TG_CEL_UNKNOWN_VARIABLE: CEL: Unknown variable: evnt (expected one of the variables: event, steps, run) in "event.x + evnt.y"']);
    const quoted = check(`${HEAD}steps:\n  - id: a\n    tool: orders.get\n    args: { id: "event.x + evnt.y" }\n  - id: done\n    end: ok\n`);
    expect(quoted).toEqual(['workflows/w.yaml:7:28: error TG_CEL_UNKNOWN_VARIABLE: CEL: Unknown variable: evnt (expected one of the variables: event, steps, run) in "event.x + evnt.y"']);
  });

  it('reports a step whose kind key is misspelt as a step of no known kind', () => {
    expect(check(`${HEAD}steps:\n  - id: a\n    toll: orders.get\n  - id: done\n    end: ok\n`)).toEqual([
      'workflows/w.yaml:5:5: error TG_SCHEMA: steps[0]: expected a mapping with one of: agent, tool, approval, end',
    ]);
  });

  it('accepts a valid workflow and compiles its expressions', () => {
    expect(check(`${HEAD}steps:\n  - id: a\n    tool: orders.get\n    args: { id: "event.order.id" }\n    next:\n      - { when: 'output.total > 10.0 && has(output.id)', to: done }\n      - { to: done }\n  - id: done\n    end: ok\n`)).toEqual([]);
  });
});

describe('grounding sets (evals/grounding/) are checked like any definition', () => {
  const set = (body: string) => {
    const files = [PROJECT, TOOL, { path: 'workflows/w.yaml', bytes: enc.encode(`${HEAD}steps:\n  - id: done\n    end: ok\n`) }, { path: 'evals/grounding/set.yaml', bytes: enc.encode(body) }];
    const { definitions, diagnostics } = loadDefinitions(files);
    return [...diagnostics, ...validateDefinitions(definitions)].map(formatDiagnostic);
  };
  const CONTEXT = 'contexts:\n  - id: c1\n    workflow: w\n    clock: "2026-11-24T09:00:00Z"\n    event: { ticket: { text: hi } }\n    tools:\n      - { tool: orders.get, args: {}, reply: { id: O-1 } }\n';

  it('accepts a well-formed set and points at a claim whose context, label or type is wrong', () => {
    expect(set(`${CONTEXT}claims:\n  - { id: a, context: c1, type: id, text: "Order O-1.", label: grounded }\n`)).toEqual([]);
    const wrong = set(`${CONTEXT}claims:\n  - { id: a, context: c1, type: id, text: "Order O-1.", label: grounded }\n  - { id: b, context: c1, type: idd, text: "x", label: maybe }\n`);
    expect(wrong).toEqual([
      expect.stringMatching(/^evals\/grounding\/set\.yaml:10:33: error TG_SCHEMA: claims\[1\]\.type: expected one of "amount", .*"status-change"; got "idd"$/),
      'evals/grounding/set.yaml:10:56: error TG_SCHEMA: claims[1].label: expected one of "grounded", "ungrounded"; got "maybe"',
    ]);
    expect(set(`${CONTEXT}claims:\n  - { id: a, context: c1, type: id, text: "Order O-1.", label: grounded }\n  - { id: a, context: c1, type: id, text: "O-1.", label: grounded }\n`)).toEqual([
      'evals/grounding/set.yaml:10:11: error TG_DUPLICATE_ID: duplicate claim "a": expected each claim once',
    ]);
  });

  it('names unknown contexts, workflows and tools where they are written', () => {
    const out = set(`${CONTEXT.replace('workflow: w', 'workflow: nope').replace('tool: orders.get', 'tool: orders.gte')}claims:\n  - { id: a, context: c2, type: id, text: "Order O-1.", label: grounded }\n`);
    expect(out).toEqual([
      'evals/grounding/set.yaml:3:15: error TG_UNKNOWN_WORKFLOW: unknown workflow "nope": expected one of w',
      'evals/grounding/set.yaml:7:17: error TG_UNKNOWN_TOOL: unknown tool "orders.gte": expected a connector under workflows/tools/',
      'evals/grounding/set.yaml:9:23: error TG_UNKNOWN_REFERENCE: unknown context "c2": expected one of the contexts above',
    ]);
  });
});
