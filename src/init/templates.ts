/** The project templates `tollgate init` offers: a department's workflow, its pack, cases and mocks. */
export const TEMPLATES = {
  support: { workflow: 'refund-request', pack: 'support-default', what: 'refunds and knowledge-base answers from support tickets' },
  // Its cases exercise 25 of the pack's 30 rule sides on their own (the example's other departments cover the rest).
  finance: { workflow: 'invoice-received', pack: 'finance-default', what: 'invoices matched to purchase orders, payouts and bank-detail changes', coverage: 0.8 },
  sre: { workflow: 'alert-fired', pack: 'sre-default', what: 'alerts triaged against runbooks, tickets and paging' },
  blank: { workflow: 'hello', pack: 'default', what: 'one workflow, one tool, one gold case: a start of your own' },
} as const;

export type TemplateName = keyof typeof TEMPLATES;

/**
 * Which files of the example project a department template takes: its workflow, its policy pack,
 * every connector (the packs and cases name tools of other departments too), the mocked world,
 * its scripted replies, events and gold cases, the gate, the schemas and the dashboard templates.
 */
export function templateTakes(name: Exclude<TemplateName, 'blank'>, file: string): boolean {
  const t = TEMPLATES[name];
  if (['tollgate.yaml', 'evals/gate.yaml', 'evals/baseline.json', '.github/workflows/tollgate-gate.yml'].includes(file) || file.startsWith('observability/')) return true;
  if (file === `workflows/${t.workflow}.yaml` || file === `workflows/policies/${t.pack}.yaml`) return true;
  if (/^workflows\/tools\/[^/]+\.yaml$/.test(file) || /^fixtures\/tools\/[^/]+\.ts$/.test(file) || /^schemas\/[^/]+\.json$/.test(file)) return true;
  return file.startsWith(`evals/gold/${t.workflow}/`) || file.startsWith(`fixtures/models/${t.workflow}/`);
}

/** The gate config, baseline and CI workflow, cut down to the template's workflow. */
export function adaptFile(name: Exclude<TemplateName, 'blank'>, file: string, text: string, projectName: string): string {
  const t = TEMPLATES[name];
  if (file === 'tollgate.yaml') return text.replace(/^name: .*$/m, `name: ${projectName}`);
  if (file === 'evals/baseline.json') {
    const baseline = JSON.parse(text) as { cases: Record<string, unknown> };
    baseline.cases = Object.fromEntries(Object.entries(baseline.cases).filter(([k]) => k.startsWith(`${t.workflow}/`)));
    return `${JSON.stringify(baseline, null, 2)}\n`;
  }
  if (file === 'evals/gate.yaml') {
    // Equivalent mutants of the other departments' files are not in this project.
    const lines = text.split('\n');
    const out: string[] = [];
    for (let i = 0; i < lines.length; i++) {
      const m = /^\s+- mutant: [^@\s]+@(\S+)\s*$/.exec(lines[i]!);
      const ours = (f: string) => [`workflows/${t.workflow}.yaml`, `workflows/policies/${t.pack}.yaml`].includes(f.replace(/#.*$/, ''));
      if (m && !m[1]!.split('+').every(ours)) {
        i++; // and its reason line
        continue;
      }
      out.push(lines[i]!);
    }
    const floor = 'coverage' in t ? t.coverage : undefined;
    return out.join('\n').replace(/^(\s+min: )0\.85(\s+#.*)?$/m, (line, head: string) => (floor === undefined ? line : `${head}${floor}                  # this template's cases alone; add cases and raise it`));
  }
  return text;
}
