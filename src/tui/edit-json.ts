import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export type EditResult = { readonly kind: 'unchanged' } | { readonly kind: 'edited'; readonly value: Record<string, unknown> } | { readonly kind: 'invalid'; readonly problem: string; readonly text: string } | { readonly kind: 'failed'; readonly problem: string };

/**
 * Opens `text` (JSON) in the user's editor ($VISUAL, then $EDITOR, then vi) and reads back a JSON
 * object. The file lives in a private temporary folder and is removed afterwards. The editor gets
 * the terminal: the caller must take the TUI out of raw mode first.
 */
export function editJsonInEditor(text: string, name: string, env: NodeJS.ProcessEnv = process.env): EditResult {
  const dir = mkdtempSync(path.join(tmpdir(), 'tollgate-edit-'));
  const file = path.join(dir, `${name.replace(/[^\w.-]/g, '_')}.json`);
  try {
    writeFileSync(file, text, { mode: 0o600 });
    const editor = env.VISUAL || env.EDITOR || 'vi';
    // The editor setting may carry its own arguments ("code --wait"): the shell splits it.
    const result = spawnSync(`${editor} ${JSON.stringify(file)}`, { shell: true, stdio: 'inherit', env });
    if (result.error || result.status !== 0) return { kind: 'failed', problem: `the editor (${editor}) ${result.error ? `could not start: ${result.error.message}` : `exited with status ${result.status}`}; nothing was approved` };
    const after = readFileSync(file, 'utf8');
    if (after.trim() === text.trim()) return { kind: 'unchanged' };
    let value: unknown;
    try {
      value = JSON.parse(after);
    } catch (error) {
      return { kind: 'invalid', problem: `not valid JSON: ${(error as Error).message}`, text: after };
    }
    if (!value || typeof value !== 'object' || Array.isArray(value)) return { kind: 'invalid', problem: 'expected a JSON object of arguments', text: after };
    return { kind: 'edited', value: value as Record<string, unknown> };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
