import { existsSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { readConfigFile } from '../project/index.ts';

// An empty file (or one holding only comments) is an empty config.
const LocalConfig = z.preprocess((v) => v ?? {}, z.object({ identity: z.string().min(1).optional() }).passthrough());

/**
 * Who acts in the workbench: `--as`, else `identity:` in the checkout's own `.tollgate/config.yaml`
 * (never committed: it says who sits at this machine), else the login name.
 */
export function resolveIdentity(flag: string | undefined, root: string): string {
  if (flag) return flag;
  const file = path.join(root, '.tollgate', 'config.yaml');
  if (existsSync(file)) {
    const config = readConfigFile(file, path.relative(process.cwd(), file) || file, LocalConfig, 'TG_CONFIG_INVALID');
    if (config.identity) return config.identity;
  }
  return process.env.USER ?? process.env.USERNAME ?? 'unknown';
}
