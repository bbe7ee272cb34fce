import path from 'node:path';
import type { Command } from 'commander';
import { scoreLabelledSet, scriptedJudge, type LabelledReport } from '../../evals/index.ts';
import type { Agreement } from '../../grounding/index.ts';
import { findProjectRoot, readConfigFile, readProject } from '../../project/index.ts';
import { UsageError } from '../../shared/index.ts';
import { JUDGE_TYPES, ScriptedVerdictsSchema, type GroundingSet } from '../../workflow/index.ts';
import { withWorkbench } from '../open-workbench.ts';
import { projectOption } from '../project-option.ts';

interface GroundingFlags {
  judge?: string | true;
  judgeScript?: string;
  show?: 'deterministic' | 'judge';
  json?: boolean;
}

export function registerGroundingCommand(program: Command): void {
  program
    .command('grounding')
    .description('measure the grounding check against the claims labelled by hand in evals/grounding/: precision and recall of "ungrounded"')
    .option('--judge [model]', 'also ask a judge model through Ollama (default: gate.yaml grounding.judge.model) about every claim')
    .option('--judge-script <file>', 'a scripted judge instead: hand-written verdicts (fixtures/judge/*.yaml) served through the Ollama API')
    .option('--show <part>', 'list the claims where the verdict and the label disagree: deterministic or judge')
    .option('--json', 'print the report as JSON')
    .action(async (o: GroundingFlags, command: Command) => {
      if (o.show && o.show !== 'deterministic' && o.show !== 'judge') throw new UsageError('--show expects deterministic or judge');
      const root = findProjectRoot(projectOption(command) ?? '.');
      const { definitions } = readProject(root);
      const sets = definitions.groundingSets;
      if (sets.length === 0) throw new UsageError('no labelled claims: expected a grounding set under evals/grounding/ (see docs/grounding.md)');
      const grounding = definitions.gate?.value.grounding;
      const model = o.judgeScript ? 'scripted-judge' : o.judge === true ? grounding?.judge.model : o.judge;
      if (o.judge === true && !model) throw new UsageError('--judge without a model needs grounding.judge.model in evals/gate.yaml');
      const set: GroundingSet = { contexts: sets.flatMap((s) => s.value.contexts), claims: sets.flatMap((s) => s.value.claims) };
      const scripted = o.judgeScript ? readConfigFile(path.resolve(o.judgeScript), o.judgeScript, ScriptedVerdictsSchema, 'TG_JUDGE_SCRIPT_INVALID') : undefined;
      const writeTools = new Set(definitions.tools.filter((t) => t.value.side_effect === 'write').map((t) => t.value.name));
      const base = { writeTools, names: grounding?.names ?? [], hedgeTolerance: grounding?.hedge_tolerance ?? 0.05 };
      const report = !model
        ? await scoreLabelledSet(set, base)
        : await withWorkbench(command, async (wb) => {
            const mocks = scripted ? await wb.mocks() : undefined;
            const judge = scripted && mocks
              ? scriptedJudge((id, script) => mocks.register(id, { script }), wb.ollamaHost, scripted, model)
              : { model, client: wb.modelClient() };
            return scoreLabelledSet(set, { ...base, judge: { ...judge, mayClear: grounding?.judge.may_clear ?? [] } });
          });
      process.stdout.write(o.json ? `${JSON.stringify(report, null, 2)}\n` : groundingText(report, sets.map((s) => s.source.file), o.judgeScript, o.show));
    });
}

const figures = (a: Agreement) => `precision ${a.precision.toFixed(3)}, recall ${a.recall.toFixed(3)}, agreement ${a.agreement.toFixed(3)} (${a.tp} caught, ${a.fp} false alarms, ${a.fn} missed, ${a.tn} passed)`;

function groundingText(r: LabelledReport, files: readonly string[], script: string | undefined, show: GroundingFlags['show']): string {
  const lines = [
    `${r.results.length} labelled claims in ${files.join(', ')}; "ungrounded" is the positive class`,
    `deterministic, ${r.deterministic.claims} claims of the types it covers: ${figures(r.deterministic)}`,
    `  of them, ${r.withAtoms.claims} with a figure, ID, date, name, address, link or status to check: ${figures(r.withAtoms)}`,
  ];
  if (r.judge) lines.push(`judge ${script ? `(scripted: ${script})` : r.judge.model}, ${r.judge.claims} promises, policies, exclusions and status changes: ${figures(r.judge)}`);
  lines.push('by type (deterministic verdict):', ...Object.entries(r.byType).map(([t, a]) => `  ${t.padEnd(16)} ${String(a.claims).padStart(3)} claims  precision ${a.precision.toFixed(2)}  recall ${a.recall.toFixed(2)}`));
  if (show) {
    const judged = new Set<string>(JUDGE_TYPES);
    const wrong = r.results.filter((x) => (show === 'judge' ? judged.has(x.claim.type) && x.judged && x.judged.flagged !== (x.claim.label === 'ungrounded') : !judged.has(x.claim.type) && x.flagged !== (x.claim.label === 'ungrounded')));
    lines.push(`${show} verdicts that disagree with the label:`, ...wrong.map((x) => `  ${x.claim.label === 'ungrounded' ? 'missed' : 'false alarm'} ${x.claim.id} [${x.claim.type}]: ${x.claim.text}`));
  }
  return `${lines.join('\n')}\n`;
}
