import { TollgateError } from './errors.ts';

/** A failure of one effect (tool or model call), classified once at the boundary. */
export interface EffectFailure {
  readonly code: string;
  readonly message: string;
  readonly retryable: boolean;
  readonly retryAfterMs?: number;
  readonly status?: number;
  /** A timeout: the milliseconds the effect was given (offline latency is modelled from this, not the clock). */
  readonly timeoutMs?: number;
}

/** Thrown when an effect failed; carries the classified failure across the journal. */
export class EffectFailed extends TollgateError {
  constructor(readonly failure: EffectFailure) {
    super(failure.code as `TG_${string}`, failure.message);
  }
}
