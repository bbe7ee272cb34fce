import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, tollgate } from '../support/cli.ts';
import { makeMiniProject, refundScript, TICKET_EVENT } from '../support/mini-project.ts';

const HAS_TMUX = !spawnSync('tmux', ['-V']).error;
if (!HAS_TMUX) process.stderr.write('tmux TUI test skipped: no tmux\n');

let root: string;
const session = `tollgate-tui-${process.pid}`;
// A private tmux server (its own socket, no config): nothing from another server or the test
// runner's environment leaks into the terminal the TUI runs in.
const socket = `tollgate-test-${process.pid}`;
const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socket, '-f', '/dev/null', ...args], { encoding: 'utf8' });
const screen = () => tmux('capture-pane', '-p', '-t', session);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** One key at a time, as a person types: a terminal delivers a burst as one chunk. */
async function press(...keys: string[]) {
  for (const k of keys) {
    tmux('send-keys', '-t', session, k);
    await sleep(150);
  }
}

async function waitFor(text: string, seconds = 10): Promise<string> {
  for (let i = 0; i < seconds * 10; i++) {
    const s = screen();
    if (s.includes(text)) return s;
    await sleep(100);
  }
  const stderr = (() => {
    try {
      return readFileSync(path.join(root, 'tui-stderr.log'), 'utf8');
    } catch {
      return '';
    }
  })();
  throw new Error(`the screen never showed "${text}":\n${screen()}\nstderr:\n${stderr}`);
}

beforeAll(async () => {
  root = makeMiniProject({ 'fixtures/models/o2.yaml': refundScript('O-2') });
  writeFileSync(path.join(root, 'event.json'), JSON.stringify(TICKET_EVENT));
  const started = await tollgate(['run', 'refund', '--event', 'event.json', '--script', 'fixtures/models/o2.yaml', '--as', 'alice'], { cwd: root });
  expect(started.code).toBe(3);
});
afterAll(() => {
  if (HAS_TMUX) spawnSync('tmux', ['-L', socket, 'kill-server']);
});

describe.skipIf(!HAS_TMUX)('tollgate tui in a real terminal (tmux, 80×24)', () => {
  it('opens a run, steps through it, approves the pending approval, and the run finishes', async () => {
    const env = `env -i PATH=${process.env.PATH} HOME=${process.env.HOME} TERM=xterm-256color CI=true NO_COLOR=1`;
    tmux('new-session', '-d', '-s', session, '-x', '80', '-y', '24', '-c', root, `${env} ${process.execPath} ${BIN} tui --as bob 2>${path.join(root, 'tui-stderr.log')}`);
    // The first screen waits for the process to start (tsx compiles on a cold cache in a fresh clone).
    let s = await waitFor('tollgate · Runs (1)', 60);
    expect(s).toMatch(/refund +run_\w+ +waiting_approval/);
    await press('Enter');
    s = await waitFor('step triage (agent)');
    await press('n', 'n', 'n', 'Enter');
    s = await waitFor('tool.done  step triage/call1');
    await press('q');
    await waitFor('tollgate · Runs (1)');
    await press('2');
    s = await waitFor('Approvals (1) — acting as bob');
    expect(s).toContain('refunds.create {"order_id":"O-2","amount":120}');
    await press('a');
    await waitFor('approved as bob: approved');
    for (const line of screen().split('\n')) expect(line.length).toBeLessThanOrEqual(80);
    await press('q');
    const db = new Database(path.join(root, '.tollgate', 'tollgate.db'), { readonly: true });
    const run = db.prepare('SELECT status, end_state FROM runs').get();
    db.close();
    expect(run).toEqual({ status: 'completed', end_state: 'resolved' });
  }, 120_000);
});
