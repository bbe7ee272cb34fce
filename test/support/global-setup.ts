import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const REPO = path.resolve(import.meta.dirname, '..', '..');

/** The Debian tools some tests drive, by the command they need and the package that brings it. */
const TOOLS = [
  { command: 'xmllint', pkg: 'libxml2-utils', why: 'validates the JUnit XML against its schema' },
  { command: 'chromium', pkg: 'chromium', why: 'renders the canary HTML report' },
  { command: 'tmux', pkg: 'tmux', why: 'drives the TUI in a real terminal' },
] as const;

const has = (command: string) => !spawnSync(command, ['--version'], { stdio: 'ignore' }).error;

/**
 * `npm test` passes on a fresh machine by itself: tools that are missing are installed from
 * Debian's packages (as .ci/run does). Whatever still cannot be installed is named here, and the
 * tests that need it fail with the reason; none is skipped.
 */
export default function setup(): void {
  buildCliIfStale();
  installTools();
}

/**
 * The real-process tests run the compiled CLI (bin/tollgate.js → dist/): rebuilt here when any
 * source is newer than it, so a test never exercises yesterday's code.
 */
function buildCliIfStale(): void {
  const built = path.join(REPO, 'dist', 'cli', 'main.js');
  const at = existsSync(built) ? statSync(built).mtimeMs : 0;
  const newest = Math.max(...readdirSync(path.join(REPO, 'src'), { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => statSync(path.join(e.parentPath, e.name)).mtimeMs));
  if (at >= newest) return;
  process.stderr.write('tests: building the CLI (npm run build): the sources changed since dist/ was built\n');
  const r = spawnSync('npm', ['run', 'build'], { cwd: REPO, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) throw new Error('npm run build failed: the CLI tests would run stale code');
}

function installTools(): void {
  const missing = TOOLS.filter((t) => !has(t.command));
  if (missing.length === 0) return;
  const pkgs = missing.map((t) => t.pkg);
  process.stderr.write(`tests: installing ${pkgs.join(', ')} from Debian's packages (${missing.map((t) => `${t.command} ${t.why}`).join('; ')})\n`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const run = (args: string[]) => {
    const [command, ...rest] = process.getuid?.() === 0 ? args : ['sudo', '-n', ...args];
    return spawnSync(command!, rest, { stdio: ['ignore', 'ignore', 'inherit'], env }).status === 0;
  };
  if (!run(['apt-get', 'install', '-y', '-q', ...pkgs])) run(['apt-get', 'update', '-q']) && run(['apt-get', 'install', '-y', '-q', ...pkgs]);
  const still = TOOLS.filter((t) => !has(t.command));
  if (still.length) process.stderr.write(`tests: could not install ${still.map((t) => t.pkg).join(', ')}; the tests that need them fail and say so\n`);
}
