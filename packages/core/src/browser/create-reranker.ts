import { proxy } from 'comlink';
import type { LayerListOptions, Pair, RankResult, Reranker } from '../api.js';
import { installErrorTransfer } from '../boundary/error-transfer.js';
import type { RerankerInfo, WorkerLoadConfig } from '../boundary/worker-api.js';
import { describe } from '../engine/options.js';
import { readPairsInput } from '../engine/pairs.js';
import { rankPairs, rankResults } from '../engine/rank.js';
import { RerankerError } from '../errors.js';
import type { RerankerEvent } from '../protocol.js';
import { checkCreateOptions } from './check-options.js';
import type { CallOptions, CreateRerankerOptions, RankOptions } from './options.js';
import { abortPromise, asCloneError } from './settle.js';
import { connectWorker, type WorkerConnection } from './worker-connection.js';

/** A reranker running in a Web Worker. Same `computeScore` as everywhere, plus `rank` and `info`. */
export interface BrowserReranker extends Reranker {
  computeScore(pair: Pair, options: CallOptions & LayerListOptions): Promise<number | number[]>;
  computeScore(pairs: readonly Pair[], options: CallOptions & LayerListOptions): Promise<number[] | number[][]>;
  computeScore(pair: Pair, options?: CallOptions): Promise<number>;
  computeScore(pairs: readonly Pair[], options?: CallOptions): Promise<number[]>;
  /** Scores `query` against every passage and returns them best first. */
  rank(query: string, passages: readonly string[], options?: RankOptions): Promise<RankResult[]>;
  /** Model, files, device, dtype, threads, why other devices were rejected, load timings. */
  info(): Promise<RerankerInfo>;
}

interface Loaded {
  connection: WorkerConnection;
  info: RerankerInfo;
}

/**
 * Loads a reranker into a Web Worker (WebGPU or WASM, weights cached in IndexedDB) and returns
 * its handle once it can score. If the worker dies, pending calls reject with `WORKER_CRASHED`
 * and the next call starts a new worker (the weights then come from the cache).
 *
 * @example
 * const reranker = await createReranker({ model: 'BAAI/bge-reranker-v2-m3', onProgress: (p) => bar(p.overallLoaded / (p.overallTotal ?? 1)) });
 * const ranked = await reranker.rank('what is panda?', passages, { topK: 3 });
 */
export async function createReranker(options: CreateRerankerOptions): Promise<BrowserReranker> {
  checkCreateOptions(options);
  const client = new RerankerClient(options);
  await client.info(options.signal);
  return client;
}

class RerankerClient implements BrowserReranker {
  private loaded: Promise<Loaded> | undefined;
  private connecting: WorkerConnection | undefined;
  private disposed = false;
  private callIds = 0;
  // Rejecters of every call in flight, so dispose() can settle them all.
  private readonly inFlight = new Set<(error: RerankerError) => void>();

  private readonly options: CreateRerankerOptions;

  constructor(options: CreateRerankerOptions) {
    this.options = options;
    installErrorTransfer();
  }

  computeScore(pair: Pair, options: CallOptions & LayerListOptions): Promise<number | number[]>;
  computeScore(pairs: readonly Pair[], options: CallOptions & LayerListOptions): Promise<number[] | number[][]>;
  computeScore(pair: Pair, options?: CallOptions): Promise<number>;
  computeScore(pairs: readonly Pair[], options?: CallOptions): Promise<number[]>;
  async computeScore(input: Pair | readonly Pair[], options?: CallOptions): Promise<number | number[] | number[][]> {
    const { pairs, single } = readPairsInput(input);
    const perLayer = await this.score(pairs, options);
    // Several layers of a layerwise model: one list per layer (one score per layer for one pair).
    if (perLayer.layered) return single ? perLayer.scores.map((layer) => layer[0] as number) : perLayer.scores;
    const scores = perLayer.scores[0] ?? [];
    return single ? (scores[0] as number) : scores;
  }

  async rank(query: string, passages: readonly string[], options?: RankOptions): Promise<RankResult[]> {
    const { topK, returnDocuments, ...callOptions } = plainOptions(options, 'rank options');
    const perLayer = await this.score(rankPairs(query, passages), callOptions);
    if (perLayer.layered) throw new RerankerError('INVALID_OPTION', 'rank orders by one score: pass one cutoff layer');
    return rankResults(perLayer.scores[0] ?? [], passages, { topK, returnDocuments });
  }

  async info(signal?: AbortSignal): Promise<RerankerInfo> {
    return (await this.settle(() => this.ensureLoaded(), signal, () => this.abandonLoad())).info;
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    const error = new RerankerError('DISPOSED', 'the reranker was disposed');
    for (const reject of this.inFlight) reject(error);
    this.inFlight.clear();
    const loaded = this.loaded;
    this.loaded = undefined;
    const current = await loaded?.catch(() => undefined);
    if (current) {
      // Release the session cleanly if the worker answers soon; terminate either way.
      await Promise.race([current.connection.remote.dispose().catch(() => undefined), new Promise((r) => setTimeout(r, 1000))]);
      current.connection.terminate();
    }
  }

  private async score(pairs: readonly Pair[], options: CallOptions | undefined): Promise<{ scores: number[][]; layered: boolean }> {
    // No shortcut for an empty list: the engine checks the options first, so `[]` with a bad
    // option is INVALID_OPTION here as in Node, and an empty list costs one message.
    const { signal, ...scoreOptions } = plainOptions(options, 'computeScore options');
    const callId = ++this.callIds;
    return this.settle(async () => {
      const { connection } = await this.ensureLoaded();
      try {
        const result = await Promise.race([
          connection.remote.score(callId, pairs, scoreOptions),
          connection.died.then((reason) => Promise.reject(reason)),
        ]);
        return { scores: result.scores.map((layer) => Array.from(layer)), layered: result.layered };
      } catch (error) {
        throw asCloneError(error);
      }
    }, signal, () => void this.loaded?.then(({ connection }) => connection.remote.cancel(callId)).catch(() => undefined));
  }

  // Runs one call so that it always settles: with its result, or ABORTED, or DISPOSED.
  private async settle<T>(run: () => Promise<T>, signal: AbortSignal | undefined, onAbort?: () => void): Promise<T> {
    if (this.disposed) throw new RerankerError('DISPOSED', 'the reranker was disposed');
    const abort = abortPromise(signal);
    let rejectCall: (error: RerankerError) => void = () => undefined;
    const disposed = new Promise<never>((_, reject) => (rejectCall = reject));
    this.inFlight.add(rejectCall);
    try {
      return await Promise.race([run(), abort.promise.catch((error: unknown) => {
        onAbort?.();
        throw error;
      }), disposed]);
    } finally {
      abort.cleanup();
      this.inFlight.delete(rejectCall);
    }
  }

  // The loaded worker, starting one (and loading the model) when there is none.
  private ensureLoaded(): Promise<Loaded> {
    if (this.disposed) return Promise.reject(new RerankerError('DISPOSED', 'the reranker was disposed'));
    if (!this.loaded) {
      const loading = this.start();
      this.loaded = loading;
      loading.catch(() => {
        if (this.loaded === loading) this.loaded = undefined;
      });
    }
    return this.loaded;
  }

  // An aborted load stops its download at once: the worker goes, the next call starts afresh.
  private abandonLoad(): void {
    const connecting = this.connecting;
    this.connecting = undefined;
    this.loaded = undefined;
    connecting?.terminate();
  }

  private async start(): Promise<Loaded> {
    const createWorker = this.options.worker ?? defaultWorker;
    const connection = await connectWorker(createWorker);
    this.connecting = connection;
    void connection.died.then(() => this.forget(connection));
    try {
      const info = await Promise.race([
        connection.remote.load(this.loadConfig(), proxy((event: RerankerEvent) => this.forward(event))),
        connection.died.then((reason) => Promise.reject(reason)),
      ]);
      if (this.connecting !== connection) throw new RerankerError('ABORTED', 'loading was aborted');
      this.connecting = undefined;
      return { connection, info };
    } catch (error) {
      // A worker whose load failed holds nothing useful: the next call starts afresh.
      connection.terminate();
      throw asCloneError(error);
    }
  }

  private forget(connection: WorkerConnection): void {
    void this.loaded?.then((loaded) => {
      if (loaded.connection === connection) this.loaded = undefined;
    }, () => undefined);
  }

  private forward(event: RerankerEvent): void {
    if (event.type === 'progress') this.options.onProgress?.(event);
    this.options.onEvent?.(event);
  }

  private loadConfig(): WorkerLoadConfig {
    const o = this.options;
    return {
      model: o.model, kind: o.kind, host: o.host, revision: o.revision, device: o.device ?? 'auto', dtype: o.dtype ?? 'auto',
      threads: o.threads, cache: o.cache ?? 'indexeddb', defaults: o.defaults, wasmPaths: o.wasmPaths,
      stallTimeoutMs: o.stallTimeoutMs,
      ...(o.q8Activations === undefined ? {} : { q8Activations: o.q8Activations }),
    };
  }
}

// Destructuring would turn a number or string into `{}` and accept it; Node's engine refuses them.
function plainOptions<T extends object>(options: T | undefined, what: string): Partial<T> {
  if (options === undefined) return {};
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new RerankerError('INVALID_OPTION', `${what} must be an object, got ${describe(options)}`);
  }
  return options;
}

function defaultWorker(): Worker {
  return new Worker(new URL('../worker/default-entry.js', import.meta.url), { type: 'module' });
}
