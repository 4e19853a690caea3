// The benchmark's page (driven by bench/browser.ts through page.evaluate): webrerank through
// createReranker (model in a Web Worker) and transformers.js the way its model cards call it
// (on the page's main thread, its default), side by side on the same model and passages.
import { createReranker, evict, type BrowserReranker, type CreateRerankerOptions, type RerankerInfo } from '../../packages/core/src/index.js';
import { trackWasmMemory, type RunShape } from './bench-trace.js';

export type BenchOutcome<T> = { ok: true; value: T } | { ok: false; error: string };

async function outcome<T>(run: () => Promise<T>): Promise<BenchOutcome<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return { ok: false, error: typeof code === 'string' ? `${code}: ${text}` : text };
  }
}

export interface LongTaskSummary {
  /** From the Long Tasks API (PerformanceObserver 'longtask'). */
  count: number;
  totalMs: number;
  maxMs: number;
  /** From a 50 ms interval timer on the page: its longest gap (how long the page could not respond). */
  maxTimerGapMs: number;
}
export interface TimedRun {
  ms: number;
  shapes: RunShape[];
  /** Time of each onnxruntime run, in the order of `shapes` (webrerank only: measured in its worker). */
  runMs?: number[];
  realTokens: number;
  longTasks: LongTaskSummary;
  top: number[];
}

// Every long task of the page's main thread since load; each run reads its own window.
const longTasks: { start: number; duration: number }[] = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) longTasks.push({ start: entry.startTime, duration: entry.duration });
}).observe({ type: 'longtask', buffered: true });

// A second, direct measure of the same: the longest gap between ticks of a 50 ms timer.
let lastTick = performance.now();
let maxGap = 0;
setInterval(() => {
  const now = performance.now();
  maxGap = Math.max(maxGap, now - lastTick);
  lastTick = now;
}, 50);

function longTasksBetween(from: number, to: number): LongTaskSummary {
  const hits = longTasks.filter((t) => t.start >= from && t.start <= to);
  // The gap still open at the end of the run counts too.
  const maxTimerGapMs = Math.max(maxGap, performance.now() - lastTick);
  return {
    count: hits.length,
    totalMs: hits.reduce((sum, t) => sum + t.duration, 0),
    maxMs: hits.reduce((max, t) => Math.max(max, t.duration), 0),
    maxTimerGapMs,
  };
}

function resetTimerGap(): void {
  maxGap = 0;
  lastTick = performance.now();
}

// transformers.js runs onnxruntime-web on this page: its heap is the page's (installed before its import).
const pageWasmBytes = trackWasmMemory();

// Runs start from a timer, a task of the page's own: work done inside page.evaluate's task is
// invisible to the long-task observer, and a run on the main thread would be missed.
const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

let query = '';
let passages: string[] = [];

// ---- (a) webrerank: one or more rerankers (variants of options), each in its own worker ----
interface Loaded { reranker: BrowserReranker; shapes: RunShape[]; runMs: number[]; wasmBytes: number; createMs: number[] }
const rerankers = new Map<string, Loaded>();

interface WrLoadOptions {
  model: string; host: string; dtype: 'q8' | 'fp32' | 'fp16'; device?: 'wasm' | 'webgpu'; threads?: number; defaults?: CreateRerankerOptions['defaults'];
  q8Activations?: CreateRerankerOptions['q8Activations'];
  /** The worker's name: a JSON LoadPath for `pnpm bench --load` (bench.worker.ts). */
  loadPath?: string;
}

async function wrLoad(id: string, options: WrLoadOptions): Promise<{ ms: number; info: RerankerInfo; createMs: number[] }> {
  await wrDispose(id);
  const state: Omit<Loaded, 'reranker'> = { shapes: [], runMs: [], wasmBytes: 0, createMs: [] };
  const started = performance.now();
  const reranker = await createReranker({
    model: options.model, host: options.host, device: options.device ?? 'wasm', dtype: options.dtype, cache: 'indexeddb',
    ...(options.threads === undefined ? {} : { threads: options.threads }),
    ...(options.defaults === undefined ? {} : { defaults: options.defaults }),
    ...(options.q8Activations === undefined ? {} : { q8Activations: options.q8Activations }),
    worker: () => {
      const worker = new Worker(new URL('./bench.worker.ts', import.meta.url), { type: 'module', name: options.loadPath ?? '' });
      worker.addEventListener('message', (event: MessageEvent<{ benchRun?: RunShape; benchRunMs?: number; benchWasmBytes?: number; benchCreateMs?: number }>) => {
        if (event.data?.benchCreateMs !== undefined) state.createMs.push(event.data.benchCreateMs);
        if (event.data?.benchRun) {
          state.shapes.push(event.data.benchRun);
          state.runMs.push(event.data.benchRunMs ?? Number.NaN);
        }
        if (event.data?.benchWasmBytes !== undefined) state.wasmBytes = event.data.benchWasmBytes;
      });
      return worker;
    },
  });
  const info = await reranker.info();
  const ms = performance.now() - started;
  rerankers.set(id, Object.assign(state, { reranker })); // the same object the worker's listener updates
  return { ms, info, createMs: state.createMs.slice() };
}

async function wrRun(id: string, count: number | undefined): Promise<TimedRun> {
  const loaded = rerankers.get(id);
  if (!loaded) throw new Error(`wrLoad(${id}) first`);
  const docs = count === undefined ? passages : passages.slice(0, count);
  loaded.shapes.length = 0;
  loaded.runMs.length = 0;
  await nextTask();
  resetTimerGap();
  const from = performance.now();
  const ranked = await loaded.reranker.rank(query, docs);
  const to = performance.now();
  return { ms: to - from, shapes: loaded.shapes.slice(), runMs: loaded.runMs.slice(), realTokens: -1, longTasks: longTasksBetween(from, to), top: ranked.slice(0, 3).map((x) => x.index) };
}

async function wrDispose(id: string): Promise<void> {
  const loaded = rerankers.get(id);
  rerankers.delete(id);
  await loaded?.reranker.dispose();
}

// ---- (b) transformers.js ----
// The few parts of @huggingface/transformers used here (its module is imported by URL: the
// workspace root does not depend on it; bench/browser.ts passes the URL of its bundled build).
interface TjsTensor { dims: number[]; data: ArrayLike<number | bigint>; sigmoid(): TjsTensor; tolist(): unknown[] }
interface TjsEncoding { input_ids: TjsTensor; attention_mask: TjsTensor }
type TjsTokenizer = (texts: string[], options: { text_pair: string[]; padding: boolean; truncation: boolean; max_length: number }) => TjsEncoding;
interface TjsModel { (inputs: TjsEncoding): Promise<{ logits: TjsTensor }>; dispose(): Promise<unknown> }
interface TjsModule {
  env: {
    remoteHost: string;
    allowLocalModels: boolean;
    backends: { onnx: { versions?: { web?: string }; wasm: { wasmPaths?: unknown; numThreads?: number; proxy?: boolean } } };
  };
  AutoTokenizer: { from_pretrained(id: string): Promise<TjsTokenizer> };
  AutoModelForSequenceClassification: { from_pretrained(id: string, options: { dtype: string }): Promise<TjsModel> };
}

let tjs: { tokenizer: TjsTokenizer; model: TjsModel } | undefined;

interface TjsLoadOptions {
  moduleUrl: string; wasmBase: string; host: string; model: string; dtype: 'q8' | 'fp32';
  /** Set onnxruntime's numThreads to the core count, as a tuned app would (its default is min(4, ceil(cores / 2))). */
  allCores?: boolean;
}

async function tjsLoad(options: TjsLoadOptions): Promise<{ ms: number; ortVersion: string | undefined; numThreads: number | undefined; proxy: boolean | undefined }> {
  const t = (await import(/* @vite-ignore */ options.moduleUrl)) as TjsModule;
  t.env.remoteHost = `${options.host}/`;
  t.env.allowLocalModels = false;
  const onnx = t.env.backends.onnx;
  // Its default is jsDelivr's copy of the same files; the network is closed here.
  onnx.wasm.wasmPaths = {
    mjs: `${options.wasmBase}ort-wasm-simd-threaded.asyncify.mjs`,
    wasm: `${options.wasmBase}ort-wasm-simd-threaded.asyncify.wasm`,
  };
  if (options.allCores) onnx.wasm.numThreads = navigator.hardwareConcurrency;
  await tjsDispose();
  const started = performance.now();
  const tokenizer = await t.AutoTokenizer.from_pretrained(options.model);
  const model = await t.AutoModelForSequenceClassification.from_pretrained(options.model, { dtype: options.dtype });
  const ms = performance.now() - started;
  tjs = { tokenizer, model };
  return { ms, ortVersion: onnx.versions?.web, numThreads: onnx.wasm.numThreads, proxy: onnx.wasm.proxy };
}

/** As the model card's `rank`: all passages in one call, or in slices of `batch`, in input order. */
async function tjsRun(count: number | undefined, batch: number | undefined): Promise<TimedRun> {
  if (!tjs) throw new Error('tjsLoad() first');
  const { tokenizer, model } = tjs;
  const docs = count === undefined ? passages : passages.slice(0, count);
  const size = batch ?? docs.length;
  const masks: TjsTensor[] = [];
  const scores: number[] = [];
  await nextTask();
  resetTimerGap();
  const from = performance.now();
  for (let i = 0; i < docs.length; i += size) {
    const slice = docs.slice(i, i + size);
    const inputs = tokenizer(new Array<string>(slice.length).fill(query), { text_pair: slice, padding: true, truncation: true, max_length: 512 });
    const { logits } = await model(inputs);
    scores.push(...(logits.sigmoid().tolist() as number[][]).map((row) => row[0] ?? Number.NaN));
    masks.push(inputs.attention_mask);
  }
  const order = scores.map((score, index) => ({ score, index })).sort((x, y) => y.score - x.score);
  const to = performance.now();
  let realTokens = 0;
  for (const mask of masks) for (let i = 0; i < mask.data.length; i++) realTokens += Number(mask.data[i]);
  return {
    ms: to - from,
    shapes: masks.map((m) => [m.dims[0] ?? 0, m.dims[1] ?? 0]),
    realTokens,
    longTasks: longTasksBetween(from, to),
    top: order.slice(0, 3).map((x) => x.index),
  };
}

async function tjsDispose(): Promise<void> {
  await tjs?.model.dispose();
  tjs = undefined;
}

const bench = {
  setScenario: (q: string, p: string[]) => {
    query = q;
    passages = p;
  },
  wrLoad: (id: string, options: WrLoadOptions) => outcome(() => wrLoad(id, options)),
  wrRun: (id: string, count?: number) => outcome(() => wrRun(id, count)),
  wrDispose: (id: string) => outcome(() => wrDispose(id)),
  /** Deletes a model's cached files (the next load downloads it). */
  wrEvict: (model: string, host: string) => outcome(() => evict({ model, host })),
  tjsLoad: (options: TjsLoadOptions) => outcome(() => tjsLoad(options)),
  tjsRun: (count?: number, batch?: number) => outcome(() => tjsRun(count, batch)),
  tjsDispose: () => outcome(() => tjsDispose()),
  /** WASM heap sizes now (a heap never shrinks: this is its peak so far): reranker `id`'s worker, the page. */
  wasmMemory: (id?: string) => ({ workerBytes: (id === undefined ? undefined : rerankers.get(id)?.wasmBytes) ?? 0, pageBytes: pageWasmBytes() }),
  environment: async () => ({
    userAgent: navigator.userAgent,
    hardwareConcurrency: navigator.hardwareConcurrency,
    crossOriginIsolated,
    storage: await navigator.storage.estimate().then((e) => ({ quota: e.quota, usage: e.usage }), () => undefined),
  }),
};

export type BenchApi = typeof bench;

declare global {
  interface Window { bench: BenchApi }
}
window.bench = bench;
document.body.dataset.state = 'ready';
