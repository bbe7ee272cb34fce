import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { scoreLabelledSet, scriptedJudge, type LabelledReport } from '../src/evals/index.ts';
import { readConfigFile, readProject } from '../src/project/index.ts';
import { Workbench } from '../src/workbench/index.ts';
import { ScriptedVerdictsSchema } from '../src/workflow/index.ts';
import type { BenchResult } from './stats.ts';

const ROOT = path.resolve(import.meta.dirname, '..');

/**
 * Grounding against the example's hand-labelled claims (evals/grounding/labelled.yaml): precision,
 * recall and agreement of "ungrounded", deterministic and with the scripted judge, and the check's
 * speed in claims per second.
 */
export async function benchGrounding(): Promise<BenchResult[]> {
  const { definitions } = readProject(ROOT);
  const set = { contexts: definitions.groundingSets.flatMap((s) => s.value.contexts), claims: definitions.groundingSets.flatMap((s) => s.value.claims) };
  const g = definitions.gate!.value.grounding;
  const base = { writeTools: new Set(definitions.tools.filter((t) => t.value.side_effect === 'write').map((t) => t.value.name)), names: g.names, hedgeTolerance: g.hedge_tolerance };
  const started = performance.now();
  const rounds = 5;
  let det: LabelledReport | undefined;
  for (let i = 0; i < rounds; i++) det = await scoreLabelledSet(set, base);
  const ms = (performance.now() - started) / rounds;
  // The workbench's database, vault key and logs go to a scratch folder, never into the repository.
  const wb = Workbench.open(ROOT, { dbPath: path.join(mkdtempSync(path.join(tmpdir(), 'tollgate-bench-grounding-')), 'bench.db') });
  try {
    const mocks = await wb.mocks();
    const verdicts = readConfigFile(path.join(ROOT, 'fixtures/judge/labelled-set.yaml'), 'fixtures/judge/labelled-set.yaml', ScriptedVerdictsSchema, 'TG_JUDGE_SCRIPT_INVALID');
    const judged = await scoreLabelledSet(set, { ...base, judge: { ...scriptedJudge((id, script) => mocks.register(id, { script }), wb.ollamaHost, verdicts, 'scripted-judge'), mayClear: g.judge.may_clear } });
    const figures = (a: LabelledReport['deterministic']) => ({ claims: a.claims, precision: a.precision, recall: a.recall, agreement: a.agreement, false_alarms: a.fp, missed: a.fn });
    return [
      { name: 'grounding: deterministic, every claim of the 16 types it covers', figures: { ...figures(det!.deterministic), claims_per_s: Math.round(set.claims.length / (ms / 1000)) } },
      { name: 'grounding: deterministic, claims with an atom to check', figures: figures(det!.withAtoms) },
      { name: 'grounding: scripted judge, promises/policies/exclusions/status changes', figures: figures(judged.judge!) },
    ];
  } finally {
    await wb.close();
  }
}
