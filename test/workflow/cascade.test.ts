import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readProject } from '../../src/project/index.ts';
import { copyExampleProject } from '../support/mini-project.ts';

const lines = (root: string) => readProject(root).diagnostics.map((d) => `${d.file}:${d.line} ${d.code}`);

// One broken file is reported once, with its own location: the files that name what it defines
// are not each told that it does not exist.
describe('diagnostics after a file that does not load', () => {
  it('a workflow with a YAML indentation error: its error only, not "unknown workflow" from each of its gold cases', () => {
    const root = copyExampleProject();
    const file = path.join(root, 'workflows', 'refund-request.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/\nsteps:\n/, '\nsteps:\n   - bad indent\n  - id: x\n'));
    const found = lines(root);
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((l) => l.startsWith('workflows/refund-request.yaml:'))).toBe(true);
    expect(found.some((l) => l.includes('TG_UNKNOWN_WORKFLOW'))).toBe(false);
  });

  it('a connector that fails its schema: its error only, not "unknown tool" from the workflows, packs and cases that name it', () => {
    const root = copyExampleProject();
    const file = path.join(root, 'workflows', 'tools', 'orders.get.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('side_effect: read', 'side_effect: sometimes'));
    expect(lines(root)).toEqual([expect.stringMatching(/^workflows\/tools\/orders\.get\.yaml:\d+ TG_SCHEMA$/)]);
  });

  it('a reference to something that no file defines is still an error', () => {
    const root = copyExampleProject();
    const file = path.join(root, 'evals', 'gold', 'refund-request', 'small-refund-auto.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('tools_called: [', 'tools_called: [orders.gett, '));
    expect(lines(root)).toEqual([expect.stringMatching(/^evals\/gold\/refund-request\/small-refund-auto\.yaml:\d+ TG_UNKNOWN_TOOL$/)]);
  });
});
