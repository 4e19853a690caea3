// The browser runtime's test page: puts createReranker & co. on window.rt for the runtime specs,
// which drive it through page.evaluate. Errors come back as { code, message } data, since a
// thrown RerankerError loses its class on the way to the spec.
import { cascade, createReranker, evict, isCached, RerankerError, type BrowserReranker, type CreateRerankerOptions, type Dtype, type Pair, type RankDocument, type RankResult, type RerankerEvent, type ScoringProgress } from '../../packages/core/src/index.js';
import type { CallOptions, RankOptions } from '../../packages/core/src/browser/create-options.js';
import { createIdbModelStore } from '../../packages/core/src/store/idb-model-store.js';
import { chunkKey, manifestKey } from '../../packages/core/src/store/store-keys.js';
import { rawDb } from './lib/raw-idb.js';
import { isRunGateMessage, type RunGateCommand } from './run-gate.protocol.js';
import { sha256Hex } from './lib/sha256.js';

type Outcome<T> = { ok: true; value: T } | { ok: false; code: string; message: string };

async function outcome<T>(run: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    return error instanceof RerankerError
      ? { ok: false, code: error.code, message: error.message }
      : { ok: false, code: 'NOT_A_RERANKER_ERROR', message: String(error) };
  }
}

const workers: Worker[] = [];
const events: RerankerEvent[] = [];
// What the newest worker's run gate reported (runtime.worker.ts): runs begun, runs held.
const runs = { started: 0, held: 0 };

let reranker: BrowserReranker | undefined;
// A cascade's first-stage model (createFirstStage), in a worker of its own (the library's).
let firstStage: BrowserReranker | undefined;
const pending = new Map<number, Promise<Outcome<number[]>>>();
const controllers = new Map<number, AbortController>();
let nextCall = 0;

const rt = {
  /** Loads a model; `defaultWorker` uses the library's own worker instead of the 3-line user file. */
  create: (options: Omit<CreateRerankerOptions, 'worker' | 'onEvent'>, defaultWorker = false) =>
    outcome(async () => {
      reranker = await createReranker({
        ...options,
        onEvent: (event) => events.push(event),
        ...(defaultWorker ? {} : { worker: harnessWorker }),
      });
      return reranker.info();
    }),
  /**
   * Starts loading and aborts it, with the signal createReranker takes, on the first progress
   * event of `file` that is not its last: the download of that file is then certainly under way.
   */
  createAbortedDuring: (options: Omit<CreateRerankerOptions, 'worker' | 'onEvent' | 'signal'>, file: string) =>
    outcome(async () => {
      const controller = new AbortController();
      reranker = await createReranker({
        ...options,
        signal: controller.signal,
        onEvent: (event) => {
          events.push(event);
          if (event.type === 'progress' && event.file === file && !event.done) controller.abort();
        },
      });
      return reranker.info();
    }),
  info: () => outcome(() => need().info()),
  score: (pairs: Pair[], options?: CallOptions) => outcome(() => need().computeScore(pairs, options)),
  scoreOne: (pair: Pair) => outcome(() => need().computeScore(pair)),
  rank: (query: string, documents: RankDocument[], options?: RankOptions) => outcome(() => need().rank(query, documents, options)),
  /** Whether rank's returned documents are the very objects passed in (not copies from the worker). */
  rankReturnsOriginals: async (query: string, documents: RankDocument[]) => {
    const ranked = await need().rank(query, documents, { returnDocuments: true });
    return ranked.every((r) => r.document === documents[r.index]);
  },
  /**
   * Runs rankStream to its end and returns every partial ranking and progress report. With
   * `abortAfter`, aborts the call's signal once that many partials arrived: the outcome then
   * carries the error, and `partials` what came before it.
   */
  rankStream: async (query: string, documents: RankDocument[], options?: RankOptions, abortAfter?: number) => {
    const partials: RankResult<RankDocument>[][] = [];
    const progress: ScoringProgress[] = [];
    const controller = new AbortController();
    const result = await outcome(async () => {
      for await (const partial of need().rankStream(query, documents, { ...options, signal: controller.signal, onProgress: (p) => progress.push(p) })) {
        partials.push(partial);
        if (partials.length === abortAfter) controller.abort();
      }
    });
    return { result, partials, progress };
  },
  /** Starts a call without waiting; `settle(id)` awaits it, `abort(id)` aborts it. */
  start: (pairs: Pair[], options?: CallOptions) => {
    const id = ++nextCall;
    const controller = new AbortController();
    controllers.set(id, controller);
    pending.set(id, outcome(() => need().computeScore(pairs, { ...options, signal: controller.signal })));
    return id;
  },
  settle: (id: number) => pending.get(id) ?? Promise.resolve({ ok: false, code: 'NO_SUCH_CALL', message: String(id) }),
  abort: (id: number) => controllers.get(id)?.abort(),
  /** Arms the newest worker's run gate: its next onnxruntime run waits until releaseRuns(). */
  holdRuns: () => gate({ runGate: 'hold' }),
  releaseRuns: () => gate({ runGate: 'release' }),
  /** Runs the newest worker began, and how many of them the gate held. */
  runs: () => ({ ...runs }),
  /** Terminates the newest worker from outside, as a crash would end it. */
  killWorker: () => workers.at(-1)?.terminate(),
  workerCount: () => workers.length,
  dispose: () => outcome(async () => {
    await firstStage?.dispose();
    await need().dispose();
  }),
  /**
   * Loads a cascade's first-stage model beside the one create() loaded, in a harness worker of
   * its own: it is then the newest worker, whose runs `runs()` counts.
   */
  createFirstStage: (options: Omit<CreateRerankerOptions, 'worker' | 'onEvent'>) =>
    outcome(async () => {
      firstStage = await createReranker({ ...options, worker: harnessWorker });
      return firstStage.info();
    }),
  /** rank of cascade(first stage, the created reranker, { topN }): two workers, composed on the page. */
  cascadeRank: (query: string, documents: RankDocument[], topN: number, options?: RankOptions) =>
    outcome(() => cascade(needFirstStage(), need(), { topN }).rank(query, documents, options)),
  /** rankStream of that cascade, run to its end: every partial ranking. */
  cascadeStream: (query: string, documents: RankDocument[], topN: number, options?: RankOptions) =>
    outcome(async () => {
      const partials: RankResult<RankDocument>[][] = [];
      for await (const partial of cascade(needFirstStage(), need(), { topN }).rankStream(query, documents, options)) partials.push(partial);
      return partials;
    }),
  events: () => events.slice(),
  isCached: (model: string, host: string, dtype?: Dtype) => outcome(() => isCached({ model, host, ...(dtype ? { dtype } : {}) })),
  evict: (model: string, host: string) => outcome(() => evict({ model, host })),
  /** The bytes stored for a file, as a plain array of numbers for comparing in the spec (small files only). */
  storedDigest: async (host: string, model: string, file: string) => {
    const bytes = await createIdbModelStore().get({ host, model, revision: 'main', file });
    if (!bytes) return undefined;
    return { size: bytes.byteLength, sha256: await sha256Hex(bytes as Uint8Array<ArrayBuffer>) };
  },
  /** Flips one byte of the first stored chunk of `file`, as a bad disk would. Returns the key hit. */
  corruptChunk: (host: string, model: string, file: string) => corruptFirstChunk(host, model, file),
  /**
   * Stores `text` as `file`, complete and with matching chunk digests, as an older version that
   * cached answers unchecked would have: the store's own checks cannot tell it is wrong.
   */
  plantStored: (host: string, model: string, file: string, text: string) => plantFile(host, model, file, text),
  /** Removes one stored file's manifest, so the store sees it as absent (the browser evicted it). */
  forgetStored: (host: string, model: string, file: string) => rawDb().delete(manifestKey({ host, model, revision: 'main', file })),
};

// Raw IndexedDB writes in the store's layout (manifest v1, one chunk): the key functions are the
// store's, the values are written here.
async function plantFile(host: string, model: string, file: string, text: string): Promise<void> {
  const key = { host, model, revision: 'main', file };
  const bytes = new TextEncoder().encode(text);
  const db = rawDb();
  await db.put(chunkKey(key, 0), bytes);
  const manifest = {
    v: 1, ...key, size: bytes.length, sha256: undefined, chunkSize: 8 * 1024 * 1024,
    chunkDigests: [await sha256Hex(bytes)], storedAt: Date.now(),
  };
  await db.put(manifestKey(key), manifest);
}

// Straight IndexedDB for the damage itself: it must not go through the code under test. Only the
// key of chunk 0 is computed with the store's own key function.
async function corruptFirstChunk(host: string, model: string, file: string): Promise<string> {
  const key = chunkKey({ host, model, revision: 'main', file }, 0);
  const db = rawDb();
  const value = (await db.get(key)) as Uint8Array | Blob | undefined;
  if (value === undefined) throw new Error(`no stored chunk ${key}`);
  const bytes = value instanceof Blob ? new Uint8Array(await value.arrayBuffer()) : new Uint8Array(value);
  bytes[bytes.length >> 1]! ^= 0xff;
  await db.put(key, value instanceof Blob ? new Blob([bytes]) : bytes);
  return key;
}

function gate(command: RunGateCommand): void {
  const worker = workers.at(-1);
  if (!worker) throw new Error('no harness worker: create() without defaultWorker first');
  worker.postMessage(command);
}

// The 3-line user worker file, with a run gate that reports each onnxruntime run it begins.
function harnessWorker(): Worker {
  const worker = new Worker(new URL('./runtime.worker.ts', import.meta.url), { type: 'module' });
  workers.push(worker);
  runs.started = runs.held = 0;
  worker.addEventListener('message', (event: MessageEvent<unknown>) => {
    if (!isRunGateMessage(event.data)) return;
    if (event.data.runGate === 'started') runs.started++;
    if (event.data.runGate === 'held') runs.held++;
  });
  return worker;
}

function needFirstStage(): BrowserReranker {
  if (!firstStage) throw new RerankerError('INVALID_OPTION', 'createFirstStage() first');
  return firstStage;
}

function need(): BrowserReranker {
  if (!reranker) throw new RerankerError('INVALID_OPTION', 'create() first');
  return reranker;
}

declare global {
  interface Window { rt: typeof rt }
}
window.rt = rt;
document.body.dataset.state = 'ready';
