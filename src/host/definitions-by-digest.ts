import type { RunDefinitions } from '../engine/index.ts';
import type { RunRecord } from '../core/index.ts';
import { NotFoundError } from '../shared/index.ts';
import type { Definitions } from '../workflow/index.ts';
import { definitionsFromSnapshot, runDefinitionsFor, snapshotDigest, type DefinitionSnapshot } from './definitions.ts';

/**
 * The definitions runs execute under, by digest: the host's own, or a snapshot a run started with
 * (mutation testing, a run older than today's files), each parsed and validated once.
 */
export class DefinitionsByDigest {
  readonly own: string;
  readonly #parsed = new Map<string, Definitions>();

  constructor(
    private readonly definitions: Definitions,
    private readonly snapshot: DefinitionSnapshot,
    /** The files of a digest from the store, for a run started under other definitions. */
    private readonly load: (digest: string) => DefinitionSnapshot | undefined,
  ) {
    this.own = snapshotDigest(snapshot);
  }

  /** The definitions of `snapshot` (known by `digest`); throws DefinitionsInvalidError. */
  of(digest: string, snapshot: DefinitionSnapshot | undefined): Definitions {
    if (digest === this.own) return this.definitions;
    let found = this.#parsed.get(digest);
    if (!found) this.#parsed.set(digest, (found = definitionsFromSnapshot(snapshot!, this.definitions.otherFiles, { snapshot: this.snapshot, definitions: this.definitions })));
    return found;
  }

  /** What a run executes under: the definitions it started with, not today's files. */
  forRun(run: RunRecord): RunDefinitions {
    const known = run.definitionsDigest === this.own || this.#parsed.has(run.definitionsDigest);
    const snapshot = known ? undefined : this.load(run.definitionsDigest);
    if (!known && !snapshot) throw new NotFoundError(`definitions ${run.definitionsDigest} of run ${run.runId} are not in the database`);
    return runDefinitionsFor(this.of(run.definitionsDigest, snapshot), run.workflow, run.definitionsDigest);
  }
}
