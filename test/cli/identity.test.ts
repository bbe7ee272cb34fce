import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveIdentity } from '../../src/cli/identity.ts';
import { TollgateError } from '../../src/shared/index.ts';

function checkout(config?: string): string {
  const root = mkdtempSync(path.join(tmpdir(), 'tollgate-identity-'));
  if (config !== undefined) {
    mkdirSync(path.join(root, '.tollgate'));
    writeFileSync(path.join(root, '.tollgate', 'config.yaml'), config);
  }
  return root;
}

describe('who acts in the workbench', () => {
  it('--as wins over the checkout config', async () => {
    expect(await resolveIdentity('carol', checkout('identity: bob\n'))).toBe('carol');
  });

  it('else identity in .tollgate/config.yaml', async () => {
    expect(await resolveIdentity(undefined, checkout('identity: bob\n'))).toBe('bob');
  });

  it('else the login name', async () => {
    const before = process.env.USER;
    process.env.USER = 'dana';
    try {
      expect(await resolveIdentity(undefined, checkout())).toBe('dana');
      expect(await resolveIdentity(undefined, checkout('# nothing set\n'))).toBe('dana');
    } finally {
      process.env.USER = before;
    }
  });

  it('a malformed config is a clear error naming the file and the field', async () => {
    const root = checkout('identity: [bob]\n');
    let error: unknown;
    try {
      await resolveIdentity(undefined, root);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TollgateError);
    expect((error as Error).message).toMatch(/config\.yaml: identity: .*expected string/i);
  });
});
