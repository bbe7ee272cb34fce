import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * Who acts in the workbench: `--as`, else `identity:` in the checkout's own `.tollgate/config.yaml`
 * (never committed: it says who sits at this machine), else the login name.
 */
export async function resolveIdentity(flag: string | undefined, root: string): Promise<string> {
  if (flag) return flag;
  const file = path.join(root, '.tollgate', 'config.yaml');
  if (existsSync(file)) {
    // Loaded only when there is a file to read: the TUI asks before its first paint.
    const [{ readConfigFile }, { LocalConfig }] = await Promise.all([import('../project/read-config-file.ts'), import('./local-config.ts')]);
    const config = readConfigFile(file, path.relative(process.cwd(), file) || file, LocalConfig, 'TG_CONFIG_INVALID');
    if (config.identity) return config.identity;
  }
  return process.env.USER ?? process.env.USERNAME ?? 'unknown';
}
