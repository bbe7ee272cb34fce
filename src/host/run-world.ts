import type { JournalRow, ModelClient } from '../core/index.ts';
import type { Clock } from '../shared/index.ts';
import type { ToolInvocation, ToolOutcome } from '../tools/index.ts';
import type { GoldCase } from '../workflow/index.ts';

/** How a run reaches its tools: one request out, its outcome back (the engine journals both). */
export type ToolTransport = (call: ToolInvocation) => Promise<ToolOutcome>;

/** What one execution of a run talks to. */
export interface RunTransports {
  readonly tools: ToolTransport;
  readonly model: ModelClient;
}

/** A run as its world sees it: what it asked for when it started (kept, so a resumed run asks the same). */
export interface RunSetup {
  readonly runId: string;
  readonly script?: string;
  readonly faults?: GoldCase['faults'];
  /** The rows the run journaled so far (faults already spent are in them). */
  readonly journal: () => readonly JournalRow[];
}

/**
 * The world a host's runs meet: a workbench's mocked tools and scripted models, or production's
 * live endpoints. Everything else a run host does (storage, policy, approvals, limits, traces) is
 * the same in both.
 */
export interface RunWorld {
  /** Whether runs may execute definitions other than the host's own (production runs its verified bundle only). */
  readonly runsSnapshots: boolean;
  /**
   * Checks, before a run exists, that it can start (its script reads, its mocks load, its model
   * answers). A world without it gets its run's row written in the same synchronous stretch as
   * `start` is called: the runtime's event-ID reservation relies on that.
   */
  ready?(start: { readonly workflow: string; readonly script?: string }): Promise<void>;
  /** The clock a run's waits use, given the host's (a world where nothing happens between steps skips them). */
  clockFor(base: Clock): Clock;
  /** The transports of one execution of a run; throws when the run cannot have them. */
  enter(run: RunSetup, clock: Clock): Promise<RunTransports>;
  /** The run ended: what the world kept for it may go. */
  leave(runId: string): void;
  close(): Promise<void>;
}
