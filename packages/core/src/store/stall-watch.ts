import { RerankerError } from '../errors.js';
import { positiveMilliseconds } from '../shared/option-checks.js';

/** No byte for this long (ms) and a download is given up: a stalled connection never ends on its own. */
const DEFAULT_STALL_TIMEOUT_MS = 30_000;

// setTimeout keeps its delay in an int32: anything longer fires at once. Longer means "never".
const MAX_TIMER_MS = 2 ** 31 - 1;

/** A download's stall timer, combined with the caller's signal. */
export interface StallWatch {
  /** Aborts when the caller's signal does or when the timer runs out. */
  readonly signal: AbortSignal;
  /** Something arrived: the timer starts again. */
  alive(): void;
  /** Throws the stall's `MODEL_FETCH_FAILED` when the timer ran out. */
  throwIfStalled(): void;
  stop(): void;
}

/**
 * Watches one download: when nothing arrives (neither the response nor a piece of its body) for
 * `timeoutMs`, the returned signal aborts and `throwIfStalled` says so. Rejects a `timeoutMs`
 * that is not a positive number with `INVALID_OPTION`.
 *
 * @example
 * const stall = stallWatch(30_000, url, signal);
 * try { const r = await fetch(url, { signal: stall.signal }); stall.alive(); … } finally { stall.stop(); }
 */
export function stallWatch(timeoutMs: number | undefined, url: string, signal: AbortSignal | undefined): StallWatch {
  const ms = checkStallTimeout(timeoutMs);
  const stalled = new AbortController();
  const error = new RerankerError(
    'MODEL_FETCH_FAILED',
    `no data from ${url} for ${ms / 1000} s: the download stalled (stallTimeoutMs ${ms})`,
  );
  let timer: ReturnType<typeof setTimeout> | undefined;
  const arm = (): void => {
    if (ms > MAX_TIMER_MS || stalled.signal.aborted) return;
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => stalled.abort(error), ms);
  };
  arm();
  return {
    signal: signal ? AbortSignal.any([signal, stalled.signal]) : stalled.signal,
    alive: arm,
    throwIfStalled() {
      if (stalled.signal.aborted) throw error;
    },
    stop() {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
    },
  };
}

/** The stall timeout to use: the default when not given; `INVALID_OPTION` unless a positive number. */
export function checkStallTimeout(timeoutMs: unknown): number {
  if (timeoutMs === undefined) return DEFAULT_STALL_TIMEOUT_MS;
  positiveMilliseconds(timeoutMs, 'stallTimeoutMs');
  return timeoutMs as number;
}
