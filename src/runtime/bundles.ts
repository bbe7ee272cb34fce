import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { verifyBundle, type Statement } from '../bundle/index.ts';
import { TollgateError } from '../shared/index.ts';

/** The runtime's memory of the newest bundle it accepted, kept outside the bundles (rollback defence). */
export class AcceptedVersion {
  constructor(private readonly file: string) {}

  get(): number | undefined {
    if (!existsSync(this.file)) return undefined;
    let n: number;
    try {
      n = Number((JSON.parse(readFileSync(this.file, 'utf8')) as { version?: unknown }).version);
    } catch (error) {
      throw new TollgateError('TG_STATE_UNREADABLE', `${this.file} cannot be read (${(error as Error).message}): it is the runtime's memory of the newest accepted bundle; restore it rather than delete it (deleting it lets older bundles in)`);
    }
    if (!Number.isInteger(n)) throw new TollgateError('TG_STATE_UNREADABLE', `${this.file} holds no version number: restore it rather than delete it (deleting it lets older bundles in)`);
    return n;
  }

  set(version: number): void {
    mkdirSync(path.dirname(this.file), { recursive: true });
    writeFileSync(`${this.file}.tmp`, JSON.stringify({ version }));
    renameSync(`${this.file}.tmp`, this.file);
  }
}

/**
 * Verifies a bundle's bytes and, only then, writes its files to `<dir>/v<version>/` as a project
 * the engine can load. A bundle equal to the accepted version is accepted again (a restart).
 */
export function acceptBundle(bytes: Uint8Array, trustedKeyPem: string, dir: string, accepted: AcceptedVersion): { root: string; statement: Statement } {
  const last = accepted.get();
  const result = verifyBundle(bytes, trustedKeyPem);
  if (!result.ok) throw new TollgateError(result.code, `bundle refused (${result.code}): ${result.message}`);
  const version = result.statement.predicate.version;
  if (last !== undefined && version < last) throw new TollgateError('TG_BUNDLE_ROLLBACK', `bundle refused (TG_BUNDLE_ROLLBACK): version ${version} is older than the accepted version ${last}`);
  const root = path.join(dir, `v${version}`);
  for (const [name, data] of Object.entries(result.files)) {
    const target = path.resolve(root, name);
    if (!target.startsWith(path.resolve(root) + path.sep)) throw new TollgateError('TG_BUNDLE_MALFORMED', `bundle refused: file ${name} escapes the bundle`);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, data);
  }
  writeFileSync(path.join(root, 'package.json'), '{ "type": "module", "private": true }\n');
  accepted.set(version);
  return { root, statement: result.statement };
}
