import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../support/cli.ts';

/** Bytes under a folder. */
function sizeOf(dir: string): number {
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).reduce((n, e) => n + statSync(path.join(e.parentPath, e.name)).size, 0);
}

/**
 * Gives the installed better-sqlite3 the addon `npm ci` compiled for this checkout when both are the
 * same version (same Node, same headers): compiling it again would test node-gyp, not tollgate, and
 * takes two minutes. Another version is compiled from source, as a team's install would.
 */
function nativeAddon(app: string, env: NodeJS.ProcessEnv): void {
  const version = (dir: string) => (JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string }).version;
  const ours = path.join(REPO, 'node_modules', 'better-sqlite3');
  const theirs = path.join(app, 'node_modules', 'better-sqlite3');
  if (version(ours) === version(theirs)) {
    mkdirSync(path.join(theirs, 'build', 'Release'), { recursive: true });
    copyFileSync(path.join(ours, 'build', 'Release', 'better_sqlite3.node'), path.join(theirs, 'build', 'Release', 'better_sqlite3.node'));
    return;
  }
  const rebuild = spawnSync('npm', ['rebuild', 'better-sqlite3'], { cwd: app, env, encoding: 'utf8' });
  expect(rebuild.status, rebuild.stderr).toBe(0);
}

// What a team does: pack the package, install the tarball in an empty folder (dependencies from the
// npm registry or its cache, nothing downloaded but packages), init a project, run the gate.
describe('the package, as a team installs it', () => {
  it('npm pack, npm install of the tarball, tollgate init, tollgate gate: passes', () => {
    const base = mkdtempSync(path.join(tmpdir(), 'tollgate-pack-'));
    // dist/ is already built (the global setup); --ignore-scripts keeps prepack from rebuilding it
    // under the other test files, which run the CLI from it at the same time.
    const tarball = execFileSync('npm', ['pack', '--ignore-scripts', '--pack-destination', base, '--silent'], { cwd: REPO, encoding: 'utf8' }).trim().split('\n').at(-1)!;
    const app = path.join(base, 'app');
    mkdirSync(app);
    writeFileSync(path.join(app, 'package.json'), '{ "name": "app", "private": true }\n');
    const env = { ...process.env, npm_config_nodedir: '/usr', npm_config_build_from_source: 'true', npm_config_fund: 'false', npm_config_audit: 'false' };
    const started = performance.now();
    // Install scripts run only for the one package that has a native part (see nativeAddon).
    const install = spawnSync('npm', ['install', '--prefer-offline', '--ignore-scripts', path.join(base, tarball)], { cwd: app, env, encoding: 'utf8' });
    expect(install.status, install.stderr).toBe(0);
    nativeAddon(app, env);
    const seconds = Math.round((performance.now() - started) / 100) / 10;
    console.log(`tarball ${Math.round(statSync(path.join(base, tarball)).size / 1024)} KiB; install ${seconds} s, node_modules ${Math.round(sizeOf(path.join(app, 'node_modules')) / 1024 / 1024)} MiB`);
    const init = spawnSync('npx', ['tollgate', 'init', 'support-agents', '--template', 'support'], { cwd: app, env, encoding: 'utf8' });
    expect(init.status, init.stderr).toBe(0);
    const gate = spawnSync('npx', ['tollgate', 'gate'], { cwd: path.join(app, 'support-agents'), env: { ...env, CI: 'true' }, encoding: 'utf8' });
    expect(gate.status, `${gate.stdout}\n${gate.stderr}`).toBe(0);
    expect(gate.stdout).toMatch(/^23\/23 cases passed \(100\.0%\)/);
    expect(gate.stdout).toContain('gate passed; reports in reports/');
  }, 600_000);
});
