import type { CallOptions, Pair, RankCallOptions, RankDocument, RankResult } from '../api.js';
import type { RerankerInfo, WireOptions, WorkerApi, WorkerLoadConfig } from '../boundary/worker-api.js';
import type { AnyReranker } from '../model/load-model.js';
import { RerankerError } from '../errors.js';
import type { RerankerEvent } from '../protocol.js';
import { withCallPort } from './serve-call-port.js';
import { loadInWorker } from './load-in-worker.js';
import { guardOrtThreads } from './ort-thread-guard.js';

/**
 * The worker side of the reranker: one model, one onnxruntime session, calls serialised by the
 * engine's run queue. Calls go to the engine's facade as they come: it checks what the page sent
 * (structured clone from code the types cannot vouch for) exactly as in Node.
 */
export class WorkerEngine implements WorkerApi {
  private engine: AnyReranker | undefined;
  private loading: Promise<RerankerInfo> | undefined;

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
    this.loading = guardOrtThreads(loadInWorker(config, emit)).then(({ engine, info }) => {
      this.engine = engine;
      return info;
    });
    return this.loading;
  }

  async computeScore(input: Pair | readonly Pair[], options: WireOptions<CallOptions> | undefined, port?: MessagePort): Promise<number | number[] | number[][]> {
    return withCallPort<CallOptions, number | number[] | number[][]>(options, port, async (opts) => (await this.loaded()).computeScore(input as readonly Pair[], opts));
  }

  async rank(query: string, documents: readonly RankDocument[], options: WireOptions<RankCallOptions> | undefined, port?: MessagePort): Promise<RankResult<RankDocument>[]> {
    return withCallPort<RankCallOptions, RankResult<RankDocument>[]>(options, port, async (opts) => (await this.loaded()).rank(query, documents, opts));
  }

  async rankStream(query: string, documents: readonly RankDocument[], options: WireOptions<RankCallOptions> | undefined, port: MessagePort): Promise<void> {
    return withCallPort<RankCallOptions, void>(options, port, async (opts, post) => {
      const engine = await this.loaded();
      for await (const ranking of engine.rankStream(query, documents, opts)) post({ type: 'partial', ranking });
    });
  }

  async dispose(): Promise<void> {
    await this.engine?.dispose();
    this.engine = undefined;
  }

  private async loaded(): Promise<AnyReranker> {
    if (!this.loading) throw new RerankerError('INVALID_OPTION', 'a call before load()');
    await this.loading;
    if (!this.engine) throw new RerankerError('DISPOSED', 'the model was released');
    return this.engine;
  }
}
