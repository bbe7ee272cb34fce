import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, tollgate } from '../support/cli.ts';
import { makeMiniProject, refundScript, TICKET_EVENT } from '../support/mini-project.ts';

const HAS_TMUX = !spawnSync('tmux', ['-V']).error;


let root: string;
// A private tmux server (its own socket, no config): nothing from another server or the test
// runner's environment leaks into the terminal the TUI runs in.
const socket = `tollgate-test-${process.pid}`;
const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socket, '-f', '/dev/null', ...args], { encoding: 'utf8' });
const screen = (session: string) => tmux('capture-pane', '-p', '-t', session);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One key at a time, as a person types. */
async function press(session: string, ...keys: string[]) {
  for (const k of keys) {
    tmux('send-keys', '-t', session, k);
    await sleep(150);
  }
}

async function waitFor(session: string, text: string, seconds = 10): Promise<string> {
  for (let i = 0; i < seconds * 10; i++) {
    const s = screen(session);
    if (s.includes(text)) return s;
    await sleep(100);
  }
  const stderr = existsSync(path.join(root, 'tui-stderr.log')) ? readFileSync(path.join(root, 'tui-stderr.log'), 'utf8') : '';
  throw new Error(`the screen never showed "${text}":\n${screen(session)}\nstderr:\n${stderr}`);
}

/**
 * Starts `tollgate tui` in an 80×24 terminal; when it exits, `stty -a` records the terminal's
 * mode (so the test can see it was restored) and the pane stays for reading.
 */
function startTui(session: string, extraEnv = ''): void {
  const env = `env -i PATH=${process.env.PATH} HOME=${process.env.HOME} TERM=xterm-256color CI=true NO_COLOR=1 ${extraEnv}`;
  const after = path.join(root, `${session}.stty`);
  tmux('new-session', '-d', '-s', session, '-x', '80', '-y', '24', '-c', root, `sh -c '${env} ${process.execPath} ${BIN} tui --as bob 2>${path.join(root, 'tui-stderr.log')}; echo "exit $?" > ${after}.status; stty -a > ${after}; sleep 30'`);
}

async function exited(session: string): Promise<{ status: string; stty: string }> {
  const file = path.join(root, `${session}.stty`);
  for (let i = 0; i < 100 && !existsSync(file); i++) await sleep(100);
  await sleep(100);
  return { status: readFileSync(`${file}.status`, 'utf8').trim(), stty: readFileSync(file, 'utf8') };
}

beforeAll(async () => {
  root = makeMiniProject({ 'fixtures/models/o2.yaml': refundScript('O-2') });
  writeFileSync(path.join(root, 'event.json'), JSON.stringify(TICKET_EVENT));
  for (let i = 0; i < 2; i++) {
    const started = await tollgate(['run', 'refund', '--event', 'event.json', '--script', 'fixtures/models/o2.yaml', '--as', 'alice'], { cwd: root });
    expect(started.code).toBe(3);
  }
  // The "editor": lowers the refund to $100, as a person would in vi.
  writeFileSync(path.join(root, 'edit.sh'), '#!/bin/sh\nsed -i \'s/"amount": 120/"amount": 100/\' "$1"\n');
  chmodSync(path.join(root, 'edit.sh'), 0o755);
});
afterAll(() => {
  if (HAS_TMUX) spawnSync('tmux', ['-L', socket, 'kill-server']);
});

describe('tollgate tui in a real terminal (tmux, 80×24)', () => {
  it('has tmux (the test setup installs Debian\'s tmux when it is missing)', () => {
    expect(HAS_TMUX, 'tmux is not installed and could not be: apt-get install tmux').toBe(true);
  });

  it('opens a run, steps through it, edits and approves the pending approval, the run finishes; q restores the terminal', async () => {
    const s = 'main';
    startTui(s, `EDITOR=${path.join(root, 'edit.sh')}`);
    // The first screen waits for the process to start (tsx compiles on a cold cache in a fresh clone).
    let text = await waitFor(s, 'tollgate · Runs (2)', 60);
    expect(text).toMatch(/refund +run_\w+… waiting_approval/);
    // The help fits 80 columns: no line of it is cut.
    await press(s, '?');
    text = await waitFor(s, 'tollgate tui — keys');
    expect(text.split('\n').filter((l) => l.startsWith('│') && l.includes('…'))).toEqual([]);
    await press(s, '?');
    await waitFor(s, 'WORKFLOW');
    await press(s, 'Enter');
    text = await waitFor(s, 'step triage (agent)');
    await press(s, 'n', 'n', 'Enter');
    text = await waitFor(s, 'policy.decision  step triage/call1');
    expect(text).toContain('effect:  allow');
    await press(s, 'n', 'n');
    text = await waitFor(s, 'WHAT THE AGENT SAW');
    // The opened event scrolls: its end holds the tool's reply and the model's answer.
    await press(s, 'G');
    text = await waitFor(s, 'WHAT IT ANSWERED');
    expect(text).toContain('[tool orders.get · untrusted]');
    expect(text).toContain('{"category":"refund","order_id":"O-2"}');
    await press(s, 'q', 'q');
    await waitFor(s, 'tollgate · Runs (2)');
    await press(s, '2');
    text = await waitFor(s, 'Approvals (2) — acting as bob');
    expect(text).toContain('refunds.create {"order_id":"O-2","amount":120}');
    await press(s, 'e');
    await waitFor(s, 'amount 120 → 100 as bob? y approves');
    await press(s, 'y');
    await waitFor(s, 'approved with edited arguments as bob: approved; the run continues');
    await waitFor(s, 'Approvals (1) — acting as bob');
    await press(s, 'a');
    await waitFor(s, 'y approves · other keys cancel');
    await press(s, 'y');
    await waitFor(s, 'approved as bob: approved; the run continues');
    await waitFor(s, 'no pending approvals');
    for (const line of screen(s).split('\n')) expect(line.length).toBeLessThanOrEqual(80);
    await press(s, '1');
    await waitFor(s, 'resolved');
    await press(s, 'q');
    const { status, stty } = await exited(s);
    expect(status).toBe('exit 0');
    // Cooked mode again: the shell after tollgate gets a normal terminal.
    expect(stty).toMatch(/(^|\s)icanon(\s|$)/);
    expect(stty).toMatch(/(^|\s)echo(\s|$)/);
    const db = new Database(path.join(root, '.tollgate', 'tollgate.db'), { readonly: true });
    const runs = db.prepare('SELECT status, end_state FROM runs').all();
    const refunds = db.prepare("SELECT json_extract(data_json, '$.input.args.amount') AS amount FROM events WHERE kind = 'tool.started' AND json_extract(data_json, '$.input.tool') = 'refunds.create' ORDER BY run_id").all();
    db.close();
    expect(runs).toEqual([{ status: 'completed', end_state: 'resolved' }, { status: 'completed', end_state: 'resolved' }]);
    expect(refunds.map((r) => (r as { amount: number }).amount).sort()).toEqual([100, 120]);
  }, 120_000);

  it('follows a resize, paints no colour under NO_COLOR, and Ctrl-C quits from any screen restoring the terminal', async () => {
    const s = 'ctrlc';
    startTui(s);
    await waitFor(s, 'tollgate · Runs (2)', 60);
    // NO_COLOR: no colour or style sequences at all (the cursor line is still marked with ›).
    const styled = tmux('capture-pane', '-p', '-e', '-t', s);
    expect(styled).not.toMatch(/\u001b\[[0-9;]*m/);
    expect(styled).toMatch(/^› refund/m);
    tmux('resize-window', '-t', s, '-x', '60', '-y', '16');
    await sleep(500);
    await press(s, 'Enter');
    await waitFor(s, 'step triage (agent)');
    const small = screen(s).split('\n');
    for (const line of small) expect(line.length).toBeLessThanOrEqual(60);
    expect(small.some((l) => l.startsWith('? help · q back/quit'))).toBe(true);
    await press(s, '?');
    await waitFor(s, 'tollgate tui — keys');
    await press(s, 'C-c');
    const { status, stty } = await exited(s);
    expect(status).toBe('exit 0');
    expect(stty).toMatch(/(^|\s)icanon(\s|$)/);
  }, 120_000);
});
