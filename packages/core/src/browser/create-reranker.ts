import { proxy, transfer, type Remote } from 'comlink';
import type { LayerListOptions, Pair, RankDocument, RankResult, Reranker, ScoringProgress } from '../api.js';
import type { WorkerToPageCallMessage } from '../boundary/call-port-messages.js';
import { installErrorTransfer } from '../boundary/error-transfer.js';
import type { RerankerInfo, WorkerApi, WorkerLoadConfig } from '../boundary/worker-api.js';
import { RerankerError } from '../errors.js';
import type { RerankerEvent } from '../protocol.js';
import { isAbortSignal } from '../shared/abort.js';
import { streamBatches } from '../shared/stream-batches.js';
import { checkCreateOptions } from './check-options.js';
import type { CallOptions, CreateRerankerOptions, RankOptions } from './create-options.js';
import { abortPromise, asCloneError } from './settle.js';
import { connectWorker, type WorkerConnection } from './worker-connection.js';

/**
 * A reranker running in a Web Worker: the Reranker interface itself (the page proxies every call,
 * options and results typed as in Node), plus `info`.
 */
export interface BrowserReranker extends Reranker {
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
  computeScore(input: Pair | readonly Pair[], options?: CallOptions): Promise<number | number[] | number[][]> {
    // Checked and shaped by the worker's facade: nothing is checked twice.
    return this.call(options, (remote, wire, port) => remote.computeScore(input, wire, port) as Promise<number | number[] | number[][]>);
  }

  async rank<D extends RankDocument>(query: string, documents: readonly D[], options?: RankOptions): Promise<RankResult<D>[]> {
    return originals(await this.call(options, (remote, wire, port) => remote.rank(query, documents, wire, port)), documents);
  }

  rankStream<D extends RankDocument>(query: string, documents: readonly D[], options?: RankOptions): AsyncIterableIterator<RankResult<D>[]> {
    const { signal } = fromPage(options);
    let stop = (): void => undefined;
    // The worker posts each partial ranking on the call's port; the call settles after its `end`.
    return streamBatches<RankResult<D>[]>(signal, (sink) => this.call(options, (remote, wire, port) => {
      stop = () => port.postMessage({ type: 'abort' });
      return remote.rankStream(query, documents, wire, port);
    }, (ranking) => sink(originals(ranking, documents))), () => [], () => stop());
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

  // One call to the worker, with its own port: an abort goes down it, progress and partial
  // rankings come up it. The call settles once the worker answered and the port said `end`.
  private call<T>(
    options: CallOptions | undefined,
    invoke: (remote: Remote<WorkerApi>, wire: never, port: MessagePort) => Promise<T>,
    onPartial?: (ranking: RankResult<RankDocument>[]) => void,
  ): Promise<T> {
    const { signal, onProgress, wire } = fromPage(options);
    let port: MessagePort | undefined;
    return this.settle(async () => {
      const { connection } = await this.ensureLoaded();
      if (signal?.aborted) throw new RerankerError('ABORTED', 'the call was aborted');
      const channel = new MessageChannel();
      port = channel.port1;
      const ended = new Promise<void>((resolve) => {
        channel.port1.onmessage = (event: MessageEvent<WorkerToPageCallMessage>) => {
          const message = event.data;
          if (message.type === 'progress') onProgress?.({ done: message.done, total: message.total });
          else if (message.type === 'partial') onPartial?.(message.ranking);
          else {
            channel.port1.close();
            resolve();
          }
        };
      });
      try {
        const result = await Promise.race([
          invoke(connection.remote, wire as never, transfer(channel.port2, [channel.port2])),
          connection.died.then((reason) => Promise.reject(reason)),
        ]);
        await Promise.race([ended, connection.died.then((reason) => Promise.reject(reason))]);
        return result;
      } catch (error) {
        throw asCloneError(error);
      }
    }, signal, () => port?.postMessage({ type: 'abort' }));
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

// The worker returns structured clones of the documents: give back the caller's own, as in Node.
function originals<D extends RankDocument>(ranking: readonly RankResult<RankDocument>[], documents: readonly D[]): RankResult<D>[] {
  return ranking.map((r) => (r.document === undefined ? (r as RankResult<D>) : { ...r, document: documents[r.index] as D }));
}

/**
 * What of a call's options stays on the page: a real AbortSignal and an onProgress function
 * (neither can be cloned; they act through the call's port). Everything else crosses as it is,
 * for the worker's facade to check: a non-object, a `signal` that is no AbortSignal, or an
 * `onProgress` that is no function is refused there, with the same error as in Node.
 */
function fromPage(options: CallOptions | undefined): { signal: AbortSignal | undefined; onProgress: ((p: ScoringProgress) => void) | undefined; wire: unknown } {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) return { signal: undefined, onProgress: undefined, wire: options };
  const wire: Record<string, unknown> = { ...options };
  const signal = isAbortSignal(options.signal) ? options.signal : undefined;
  if (signal) delete wire.signal;
  const onProgress = typeof options.onProgress === 'function' ? options.onProgress : undefined;
  if (onProgress) delete wire.onProgress;
  return { signal, onProgress, wire };
}

function defaultWorker(): Worker {
  return new Worker(new URL('../worker/default-entry.js', import.meta.url), { type: 'module' });
}
