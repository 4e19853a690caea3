/**
 * How far an evaluation is. `pairsDone` counts pairs with a score, from the model or the cache
 * (and those of queries done before a resume); the rate counts only pairs the model scored in
 * this call, so cache hits neither inflate it nor shorten the ETA.
 */
export interface EvalProgress {
  queriesDone: number;
  queriesTotal: number;
  pairsDone: number;
  pairsTotal: number;
  /** Pairs the model scored in this call (not the cache, not earlier runs). */
  pairsScored: number;
  /** Model-scored pairs per second since the call started; 0 until the first batch ends. */
  pairsPerSecond: number;
  /** Seconds left at that rate; undefined until there is a rate. */
  etaSeconds: number | undefined;
}

/** Counts pairs and turns them into EvalProgress; `now` (ms) is injectable for tests. */
export class ProgressMeter {
  readonly #start: number;
  readonly #now: () => number;
  readonly #progress: EvalProgress;

  constructor(queriesTotal: number, pairsTotal: number, now: () => number = Date.now) {
    this.#now = now;
    this.#start = now();
    this.#progress = { queriesDone: 0, queriesTotal, pairsDone: 0, pairsTotal, pairsScored: 0, pairsPerSecond: 0, etaSeconds: undefined };
  }

  /** Adds pairs: `scored` by the model, `other` from the cache or an earlier run. */
  add(scored: number, other = 0): void {
    this.#progress.pairsScored += scored;
    this.#progress.pairsDone += scored + other;
  }

  queryDone(): void {
    this.#progress.queriesDone += 1;
  }

  /** A snapshot (a fresh object each time: listeners may keep it). */
  snapshot(): EvalProgress {
    const seconds = (this.#now() - this.#start) / 1000;
    const { pairsScored, pairsDone, pairsTotal } = this.#progress;
    const rate = seconds > 0 && pairsScored > 0 ? pairsScored / seconds : 0;
    return { ...this.#progress, pairsPerSecond: rate, etaSeconds: rate > 0 ? (pairsTotal - pairsDone) / rate : undefined };
  }
}
