import { agreementOf, checkClaims, evidenceOf, type Agreement, type AtomKind, type ClaimVerdict, type Source } from '../grounding/index.ts';
import { DETERMINISTIC_TYPES, type GroundingSet, type LabelledClaim, type ScriptedVerdicts } from '../workflow/index.ts';
import { OllamaModelClient, RUN_HEADER, type ModelScript } from '../models/index.ts';
import { judgeClaims, type Judge } from './judge.ts';
import { leaves, withoutEchoes } from './journal-facts.ts';

export interface LabelledResult {
  readonly claim: LabelledClaim;
  /** The deterministic check's verdicts on the claim's sentences. */
  readonly verdicts: readonly ClaimVerdict[];
  readonly flagged: boolean;
  /** After the judge (when one was asked). */
  readonly judged?: { readonly verdicts: readonly ClaimVerdict[]; readonly flagged: boolean };
}

export interface LabelledReport {
  /** The claim types the deterministic check covers. */
  readonly deterministic: Agreement;
  /** The same, over the claims in which it found something to check (a figure, ID, date, name, address, link or status). */
  readonly withAtoms: Agreement;
  /** Claims only a judge can read (promises, policies, exclusions, status changes), after the judge. */
  readonly judge?: Agreement & { readonly model: string };
  readonly byType: Record<string, Agreement>;
  readonly results: readonly LabelledResult[];
}

export interface LabelledOptions {
  readonly writeTools: ReadonlySet<string>;
  readonly names?: readonly string[];
  readonly hedgeTolerance?: number;
  /** A judge; `clientFor` may give each context its own client (a scripted judge answers per context). */
  readonly judge?: Judge & { readonly mayClear?: readonly AtomKind[]; readonly clientFor?: (context: string, claims: readonly ClaimVerdict[], sources: readonly Source[]) => Promise<Judge['client']> };
}

/** Scores every labelled claim, deterministically and (optionally) with a judge, and compares with the labels. */
export async function scoreLabelledSet(set: GroundingSet, o: LabelledOptions): Promise<LabelledReport> {
  const results: LabelledResult[] = [];
  for (const ctx of set.contexts) {
    const sources: Source[] = [{ label: 'event', value: ctx.event }, ...ctx.tools.map((t, i) => ({ label: `${t.tool} (call ${i + 1})`, value: o.writeTools.has(t.tool) ? withoutEchoes(t.reply, leaves(t.args)) : t.reply }))];
    const clock = new Date(ctx.clock);
    const ev = evidenceOf(sources, clock);
    const claims = set.claims.filter((c) => c.context === ctx.id);
    const checked = claims.map((claim) => {
      const verdicts = checkClaims([{ source: claim.id, text: claim.text }], ev, { clock, names: o.names ?? [], hedgeTolerance: o.hedgeTolerance ?? 0.05 });
      return { claim, verdicts, flagged: verdicts.some((v) => v.verdict === 'ungrounded') };
    });
    if (!o.judge) {
      results.push(...checked);
      continue;
    }
    const all = checked.flatMap((c) => c.verdicts);
    const client = (await o.judge.clientFor?.(ctx.id, all, sources)) ?? o.judge.client;
    const judged = await judgeClaims(all, sources, { model: o.judge.model, client }, { mayClear: o.judge.mayClear ?? [] });
    for (const c of checked) {
      const mine = judged.claims.filter((v) => v.source === c.claim.id);
      results.push({ ...c, judged: { verdicts: mine, flagged: mine.some((v) => v.verdict === 'ungrounded') } });
    }
  }
  const det = new Set<string>(DETERMINISTIC_TYPES);
  const byType = Object.fromEntries([...new Set(results.map((r) => r.claim.type))].map((t) => [t, agreementOf(results.filter((r) => r.claim.type === t).map((r) => ({ label: r.claim.label, flagged: r.flagged })))]));
  const judgeTypes = results.filter((r) => !det.has(r.claim.type) && r.judged);
  return {
    deterministic: agreementOf(results.filter((r) => det.has(r.claim.type)).map((r) => ({ label: r.claim.label, flagged: r.flagged }))),
    withAtoms: agreementOf(results.filter((r) => det.has(r.claim.type) && r.verdicts.some((v) => v.verdict !== 'unchecked')).map((r) => ({ label: r.claim.label, flagged: r.flagged }))),
    ...(o.judge ? { judge: { model: o.judge.model, ...agreementOf(judgeTypes.map((r) => ({ label: r.claim.label, flagged: r.judged!.flagged }))) } } : {}),
    byType, results,
  };
}

/**
 * The reply a scripted judge gives for one context: the hand-written verdict of each labelled claim,
 * for every sentence of it, numbered as the judge's prompt numbers them; its source named by evidence ID.
 */
export function scriptedJudgeReply(verdicts: ScriptedVerdicts, claims: readonly ClaimVerdict[], sources: readonly Source[]): string {
  const byClaim = new Map(verdicts.verdicts.map((v) => [v.claim, v]));
  return JSON.stringify({
    verdicts: claims.flatMap((c, i) => {
      const v = byClaim.get(c.source);
      if (!v) return [];
      const evidence = sources.findIndex((s) => s.label === v.source);
      return [{ claim: `C${i + 1}`, verdict: v.verdict, ...(evidence >= 0 ? { evidence: `E${evidence + 1}` } : {}), ...(v.passage ? { passage: v.passage } : {}) }];
    }),
  });
}

/**
 * A judge that answers each context of a labelled set from hand-written verdicts, served over the
 * real Ollama API by the workbench's scripted model (`register` gives a run ID its script).
 */
export function scriptedJudge(register: (runId: string, script: ModelScript) => void, host: string, verdicts: ScriptedVerdicts, model: string): NonNullable<LabelledOptions['judge']> {
  return {
    model, client: new OllamaModelClient(host),
    clientFor: async (ctx, claims, sources) => {
      const id = `grounding-judge/${ctx}`;
      register(id, { scripted: true, model, agents: { judge: [{ content: scriptedJudgeReply(verdicts, claims, sources) }] } });
      return new OllamaModelClient(host, { [RUN_HEADER]: id });
    },
  };
}
