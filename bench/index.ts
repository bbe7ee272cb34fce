import { benchEngine } from './engine.ts';
import { benchWorkbench } from './workbench.ts';
import { benchReplay } from './replay.ts';
import { benchEvals } from './evals.ts';
import { benchPromptfoo } from './promptfoo.ts';
import { benchServe } from './serve.ts';
import { benchTui } from './tui.tsx';
import { benchGrounding } from './grounding.ts';
import { benchCliStart } from './cli-start.ts';
import { benchMemory } from './memory.ts';
import { printResults } from './stats.ts';

/** `npm run bench`: prints figures; never part of the test suite. */
const suites = { engine: benchEngine, workbench: benchWorkbench, replay: benchReplay, evals: benchEvals, promptfoo: benchPromptfoo, serve: benchServe, tui: benchTui, grounding: benchGrounding, cli: benchCliStart, memory: benchMemory };
const only = process.argv.slice(2);
for (const [name, run] of Object.entries(suites)) {
  if (only.length && !only.includes(name)) continue;
  process.stdout.write(`\n== ${name}\n`);
  printResults(await run());
}
