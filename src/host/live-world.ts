import { OllamaModelClient, RUN_HEADER } from '../models/index.ts';
import { timeoutOn, type Clock } from '../shared/index.ts';
import { sendToolRequest } from '../tools/index.ts';
import type { RunSetup, RunTransports, RunWorld } from './run-world.ts';

/**
 * Production's world: each connector host rewritten to its real base URL (`tools.hosts` in
 * serve.yaml), models at Ollama; nothing mocked, waits real.
 */
export class LiveWorld implements RunWorld {
  readonly runsSnapshots = false;

  constructor(
    private readonly toolHosts: Readonly<Record<string, string>>,
    private readonly ollamaHost: string,
  ) {}

  clockFor(base: Clock): Clock {
    return base;
  }

  async enter(run: RunSetup, clock: Clock): Promise<RunTransports> {
    return {
      tools: (call) => sendToolRequest(call, (url) => this.#rewrite(url), undefined, (ms) => timeoutOn(clock, ms)),
      model: new OllamaModelClient(this.ollamaHost, { [RUN_HEADER]: run.runId }),
    };
  }

  leave(): void {}

  async close(): Promise<void> {}

  #rewrite(url: string): string {
    const u = new URL(url);
    const base = this.toolHosts[u.host];
    return base ? `${base.replace(/\/$/, '')}${u.pathname}${u.search}` : url;
  }
}
