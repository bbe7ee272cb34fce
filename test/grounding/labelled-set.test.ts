import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scoreLabelledSet, scriptedJudge, type LabelledReport } from '../../src/evals/index.ts';
import { readConfigFile, readProject } from '../../src/project/index.ts';
import { Workbench } from '../../src/workbench/index.ts';
import { ScriptedVerdictsSchema, type GroundingSet } from '../../src/workflow/index.ts';
import { copyExampleProject } from '../support/mini-project.ts';

// The example's hand-labelled set (evals/grounding/labelled.yaml, labelled before the scorer ran on
// it): 464 claims over 20 contexts of the three workflows, every claim type the issue names.
const root = copyExampleProject();
const { definitions } = readProject(root);
const set: GroundingSet = { contexts: definitions.groundingSets.flatMap((s) => s.value.contexts), claims: definitions.groundingSets.flatMap((s) => s.value.claims) };
const gate = definitions.gate!.value.grounding;
const base = { writeTools: new Set(definitions.tools.filter((t) => t.value.side_effect === 'write').map((t) => t.value.name)), names: gate.names, hedgeTolerance: gate.hedge_tolerance };
let wb: Workbench | undefined;
afterAll(async () => wb?.close());

const line = (what: string, a: LabelledReport['deterministic']) => `${what}: ${a.claims} claims, precision ${a.precision}, recall ${a.recall}, agreement ${a.agreement} (tp ${a.tp}, fp ${a.fp}, fn ${a.fn}, tn ${a.tn})`;

describe('grounding against claims labelled by hand', () => {
  it('the set is a valid part of the project, large and varied enough to mean something', () => {
    expect(set.claims.length).toBeGreaterThanOrEqual(200);
    const types = new Set(set.claims.map((c) => c.type));
    expect(types.size).toBe(20);
    for (const t of types) expect(set.claims.filter((c) => c.type === t).map((c) => c.label)).toEqual(expect.arrayContaining(['grounded', 'ungrounded']));
  });

  it('the deterministic check finds ungrounded claims with precision and recall of at least 0.95 where it has something to check', async () => {
    const r = await scoreLabelledSet(set, base);
    console.log(`${line('deterministic, every claim of its types', r.deterministic)}\n${line('deterministic, claims with an atom to check', r.withAtoms)}`);
    expect(r.withAtoms.precision).toBeGreaterThanOrEqual(0.95);
    expect(r.withAtoms.recall).toBeGreaterThanOrEqual(0.95);
    expect(r.deterministic.precision).toBeGreaterThanOrEqual(0.95);
    // What it misses are claims with nothing it can read (a service "back online"): the judge's part.
    expect(r.deterministic.recall).toBeGreaterThanOrEqual(0.93);
    expect(r.judge).toBeUndefined();
  });

  it('a scripted judge (hand-written verdicts over the Ollama API) decides the promises, policies, exclusions and status changes', async () => {
    wb = Workbench.open(root, { dbPath: path.join(root, '.tollgate', 'grounding.db') });
    const verdicts = readConfigFile(path.join(root, 'fixtures/judge/labelled-set.yaml'), 'fixtures/judge/labelled-set.yaml', ScriptedVerdictsSchema, 'TG_JUDGE_SCRIPT_INVALID');
    const mocks = await wb.mocks();
    const r = await scoreLabelledSet(set, { ...base, judge: { ...scriptedJudge((id, script) => mocks.register(id, { script }), wb.ollamaHost, verdicts, 'scripted-judge'), mayClear: gate.judge.may_clear } });
    console.log(line('scripted judge, promises/policies/exclusions/status changes', r.judge!));
    expect(r.judge!.claims).toBe(90);
    expect(r.judge!.precision).toBeGreaterThanOrEqual(0.95);
    expect(r.judge!.recall).toBeGreaterThanOrEqual(0.95);
    // The judge quoted its passages: every judge-type claim it grounded points at evidence.
    const grounded = r.results.filter((x) => x.claim.type === 'promise' && !x.judged!.flagged);
    expect(grounded.length).toBeGreaterThan(0);
    const decided = grounded.flatMap((g) => g.judged!.verdicts).filter((v) => v.judgement?.effect === 'decided');
    expect(decided.length).toBeGreaterThan(0);
    for (const v of decided) expect([v.verdict, v.judgement!.evidence]).toEqual(['grounded', expect.stringMatching(/^E\d+ (event|[\w.]+ \(call \d+\))$/)]);
  });
});
