import { render } from 'ink-testing-library';
import { App, type Screen, type TuiSource } from '../../src/tui/index.ts';

/** Helpers for driving the TUI in ink-testing-library: render, wait for text, type keys. */
export const tick = (ms = 30) => new Promise((r) => setTimeout(r, ms));

export function show(source: TuiSource, opts: { identity?: string; initial?: Screen } = {}) {
  return render(<App source={source} identity={opts.identity ?? 'bob'} pollMs={40} {...(opts.initial ? { initial: opts.initial } : {})} />);
}

export type Ui = ReturnType<typeof show>;

/** Waits until the newest frame shows `text` (data loads asynchronously, off the render path). */
export async function waitFor(ui: Ui, text: string | RegExp, ms = 5000): Promise<string> {
  for (let waited = 0; waited < ms; waited += 20) {
    const frame = ui.lastFrame() ?? '';
    if (typeof text === 'string' ? frame.includes(text) : text.test(frame)) return frame;
    await tick(20);
  }
  throw new Error(`the screen never showed ${String(text)}:\n${ui.lastFrame()}`);
}

/** Waits until the first line of the screen is exactly `title` (a loaded machine paints late); returns it. */
export async function titleBecomes(ui: Ui, title: string, ms = 5000): Promise<string> {
  for (let waited = 0; waited < ms; waited += 20) {
    if ((ui.lastFrame() ?? '').split('\n')[0]?.trimEnd() === title) return title;
    await tick(20);
  }
  return (ui.lastFrame() ?? '').split('\n')[0]!.trimEnd();
}

/** Types keys one at a time, as a person does, letting each frame paint. */
export async function keys(ui: Ui, ...seq: string[]) {
  for (const k of seq) {
    ui.stdin.write(k);
    await tick();
  }
}

export const lines = (frame: string) => frame.split('\n');
export const DOWN = '\u001b[B';
export const ESC = '\u001b';
