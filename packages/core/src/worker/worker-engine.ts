import { transfer } from 'comlink';
import type { Pair, ScoreOptions } from '../api.js';
import type { RerankerInfo, WorkerApi, WorkerLoadConfig, WorkerScores } from '../boundary/worker-api.js';
import { LayerwiseReranker } from '../engine/layerwise-reranker.js';
import type { AnyReranker } from '../model/load-model.js';
import { readPairsInput } from '../engine/pairs.js';
import { RerankerError } from '../errors.js';
import type { RerankerEvent } from '../protocol.js';
import { loadInWorker } from './load-model.js';

/**
 * The worker side of the reranker: one model, one onnxruntime session, calls serialised by the
 * engine's run queue. Input from the page is checked again here: it arrives by structured clone
 * from code the types cannot vouch for.
 */
export class WorkerEngine implements WorkerApi {
  private engine: AnyReranker | undefined;
  private loading: Promise<RerankerInfo> | undefined;
  private readonly cancelled = new Set<number>();

  hello(lockName: string): Promise<void> {
    // The lock is held until this worker dies (terminate, crash): the page waits on it to know.
    return new Promise((granted) => {
      void navigator.locks.request(lockName, () => {
        granted();
        return new Promise<never>(() => undefined);
      });
    });
  }

  load(config: WorkerLoadConfig, onEvent: (event: RerankerEvent) => void): Promise<RerankerInfo> {
    if (this.loading) throw new RerankerError('INVALID_OPTION', 'this worker already holds a model');
    // Events are fire-and-forget: a page that stopped listening must not fail the load.
    const emit = (event: RerankerEvent): void => void Promise.resolve(onEvent(event)).catch(() => undefined);
    this.loading = loadInWorker(config, emit).then(({ engine, info }) => {
      this.engine = engine;
      return info;
    });
    return this.loading;
  }

  async score(callId: number, pairs: readonly Pair[], options: ScoreOptions | undefined): Promise<WorkerScores> {
    try {
      const engine = await this.loaded();
      const checked = readPairsInput(pairs).pairs;
      const isCancelled = (): boolean => this.cancelled.has(callId);
      const result: WorkerScores = engine instanceof LayerwiseReranker
        ? await engine.scoreLayers(checked, options, isCancelled).then(({ layers, scores }) => ({ scores, layered: layers.length > 1 }))
        : { scores: [await engine.scorePairs(checked, options, isCancelled)], layered: false };
      return transfer(result, result.scores.map((s) => s.buffer));
    } finally {
      this.cancelled.delete(callId);
    }
  }

  cancel(callId: number): void {
    this.cancelled.add(callId);
  }

  async dispose(): Promise<void> {
    await this.engine?.dispose();
    this.engine = undefined;
  }

  private async loaded(): Promise<AnyReranker> {
    if (!this.loading) throw new RerankerError('INVALID_OPTION', 'score() before load()');
    await this.loading;
    if (!this.engine) throw new RerankerError('DISPOSED', 'the model was released');
    return this.engine;
  }
}
