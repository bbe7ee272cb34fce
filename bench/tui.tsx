/** @jsxRuntime automatic */
/** @jsxImportSource react */
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { render } from 'ink-testing-library';
import { openDatabase } from '../src/store/index.ts';
import { App, WorkbenchSource } from '../src/tui/index.ts';
import { Workbench } from '../src/workbench/index.ts';
import { makeMiniProject } from '../test/support/mini-project.ts';
import { percentile, type BenchResult } from './stats.ts';

const RUNS = 10_000;
const EVENTS = 5_000;
const KEYPRESSES = 200;
const STARTS = 9;
const BIN = path.resolve(import.meta.dirname, '..', 'bin', 'tollgate.js');

/** A project database of 10,000 finished runs (8 journal rows each) and one run of 5,000 events, the newest. */
export function seedDatabase(file: string): string {
  const db = openDatabase(file);
  const insertRun = db.prepare(
    `INSERT INTO runs (run_id, correlation_id, workflow, version, definitions_digest, env, trigger_type, status, end_state, event_json, options_json, started_at, updated_at, ended_at, tokens_in, tokens_out, cost_usd, tool_calls)
     VALUES (?, ?, ?, 1, 'sha256:bench', 'dev', 'event', ?, ?, '{}', '{"requestedBy":"bench"}', ?, ?, ?, 300, 40, 0.00004, 2)`,
  );
  const insertEvent = db.prepare('INSERT INTO events (run_id, seq, kind, step_key, attempt, input_sha256, data_json, ts) VALUES (?, ?, ?, ?, 1, NULL, ?, ?)');
  const t0 = 1_790_000_000_000;
  const rowFor = (i: number): [string, string, unknown] => {
    const step = `s${Math.floor(i / 5)}`;
    switch (i % 5) {
      case 0: return ['step.entered', step, { step, kind: 'tool' }];
      case 1: return ['policy.decision', step, { tool: 'orders.get', args: { order_id: `O-${i}` }, effect: i % 50 === 1 ? 'deny' : 'allow', policy: 'support@2', ruleId: null, reason: 'allowed', dryRun: false }];
      case 2: return ['tool.started', step, { input: { tool: 'orders.get', args: { order_id: `O-${i}` }, idempotency_key: `k${i}`, attempt: 1, dry_run: false } }];
      case 3: return ['tool.done', step, { output: { status: 200, body: { id: `O-${i}`, total: 40 } }, duration_ms: 3 }];
      default: return ['transition', step, { to: `s${Math.floor(i / 5) + 1}` }];
    }
  };
  db.transaction(() => {
    for (let r = 0; r < RUNS; r++) {
      const id = `run_bench${String(r).padStart(6, '0')}`;
      const failed = r % 17 === 0;
      insertRun.run(id, `cor_${r}`, r % 3 ? 'refund' : 'alerts', failed ? 'failed' : 'completed', failed ? null : 'resolved', t0 + r * 1000, t0 + r * 1000 + 120, t0 + r * 1000 + 120);
      for (let i = 0; i < 8; i++) {
        const [kind, step, data] = rowFor(i);
        insertEvent.run(id, i + 1, kind, step, JSON.stringify(data), t0 + r * 1000 + i);
      }
    }
    const big = 'run_bench_long_timeline';
    insertRun.run(big, 'cor_long', 'refund', 'completed', 'resolved', t0 + RUNS * 1000, t0 + RUNS * 1000 + EVENTS, t0 + RUNS * 1000 + EVENTS);
    for (let i = 0; i < EVENTS; i++) {
      const [kind, step, data] = rowFor(i);
      insertEvent.run(big, i + 1, kind, step, JSON.stringify(data), t0 + RUNS * 1000 + i);
    }
  })();
  db.close();
  return file;
}

/**
 * The real `tollgate tui` in a pseudo-terminal (util-linux `script`), 80×24: milliseconds from
 * spawning the process to the first painted runs list, then Enter on the 5,000-event run and the
 * time from each `j` written to the terminal until the terminal shows the next frame.
 */
async function throughTerminal(root: string, dbFile: string, keypresses = KEYPRESSES): Promise<{ firstFrame: number; firstPaint: number; frames: number[] }> {
  const child = spawn('script', ['-qfec', `stty cols 80 rows 24; exec ${process.execPath} ${BIN} tui --as bench`, '/dev/null'], {
    cwd: root,
    env: { ...process.env, TOLLGATE_DB: dbFile, TERM: 'xterm-256color', NO_COLOR: '1' },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let output = '';
  let waiter: { text: string | RegExp; resolve: () => void } | undefined;
  const check = () => {
    if (waiter && (typeof waiter.text === 'string' ? output.includes(waiter.text) : waiter.text.test(output))) {
      const w = waiter;
      waiter = undefined;
      w.resolve();
    }
  };
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
    check();
  });
  const until = (text: string | RegExp) => new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the terminal never showed ${String(text)}:\n${output.slice(-2000)}`)), 120_000);
    waiter = { text, resolve: () => (clearTimeout(timer), resolve()) };
    check();
  });
  const started = performance.now();
  await until('tollgate ·');
  const firstFrame = performance.now() - started;
  await until(`Runs (${RUNS + 1})`);
  const firstPaint = performance.now() - started;
  if (keypresses === 0) {
    child.stdin.write('\u0003');
    await new Promise((r) => child.on('exit', r));
    return { firstFrame, firstPaint, frames: [] };
  }
  output = '';
  child.stdin.write('\r');
  await until('run_bench_long_timeline');
  await until(`/${(EVENTS / 5) * 4}`);
  const frames: number[] = [];
  for (let i = 0; i < keypresses; i++) {
    output = '';
    const t = performance.now();
    child.stdin.write('j');
    // The watch line carries the cursor position: the frame for this key has painted when it shows.
    await until(new RegExp(`(^|[^0-9])${i + 2}/${(EVENTS / 5) * 4}`));
    frames.push(performance.now() - t);
  }
  child.stdin.write('\u0003');
  await new Promise((r) => child.on('exit', r));
  return { firstFrame, firstPaint, frames };
}

/** The same, in-process (ink-testing-library, no process start): the render cost alone. */
async function inProcess(root: string, dbFile: string): Promise<{ firstPaint: number; frames: number[] }> {
  const wb = Workbench.open(root, { dbPath: dbFile });
  const source = new WorkbenchSource(wb, 'bench', { dbPath: dbFile });
  const tick = () => new Promise((r) => setTimeout(r, 0));
  try {
    const t0 = performance.now();
    const ui = render(<App source={source} identity="bench" pollMs={60_000} />);
    while (!ui.lastFrame()?.includes(`Runs (${RUNS + 1})`)) await tick();
    const firstPaint = performance.now() - t0;
    ui.stdin.write('\r');
    while (!ui.lastFrame()?.includes(`1/${(EVENTS / 5) * 4}`)) await tick();
    const frames: number[] = [];
    for (let i = 0; i < KEYPRESSES; i++) {
      const before = ui.lastFrame();
      const t = performance.now();
      ui.stdin.write('j');
      while (ui.lastFrame() === before) await tick();
      frames.push(performance.now() - t);
    }
    ui.unmount();
    return { firstPaint, frames };
  } finally {
    await source.close();
    await wb.close();
  }
}

export async function benchTui(): Promise<BenchResult[]> {
  const root = makeMiniProject();
  const dbFile = seedDatabase(path.join(root, '.tollgate', 'bench.db'));
  try {
    // Start-up is noisy on a shared machine: the median of several starts.
    const starts = [];
    for (let i = 0; i < STARTS; i++) starts.push(await throughTerminal(root, dbFile, 0));
    const terminal = await throughTerminal(root, dbFile);
    const local = await inProcess(root, dbFile);
    return [
      {
        name: `tui: tollgate tui in a pty, from process start: first frame, then the list of ${RUNS + 1} runs painted (real SQLite file; median of ${STARTS} starts)`,
        figures: { first_frame_ms: Math.round(percentile(starts.map((s) => s.firstFrame), 50)), runs_painted_ms: Math.round(percentile(starts.map((s) => s.firstPaint), 50)) },
      },
      { name: `tui: in-process render to first paint of ${RUNS + 1} runs (reads through the worker thread)`, figures: { ms: Math.round(local.firstPaint) } },
      { name: `tui: key to painted frame in a pty, scrolling a ${EVENTS}-event timeline (${KEYPRESSES} presses)`, figures: { median_ms: percentile(terminal.frames, 50), p99_ms: percentile(terminal.frames, 99) } },
      { name: `tui: in-process frame time, same timeline (${KEYPRESSES} presses)`, figures: { median_ms: percentile(local.frames, 50), p99_ms: percentile(local.frames, 99) } },
    ];
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
