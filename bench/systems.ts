// The systems the benchmark compares, each as a Group: one loaded runtime (a webrerank worker, a
// transformers.js tab, a Node child process) and the timed calls it answers.
import type { ScoreOptions } from '../packages/core/src/index.js';
import type { TimedRun } from '../e2e/harness/bench.js';
import { openSiblingPage, transformersFiles, type BenchBrowser } from './browser.js';
import { NodeSystemProcess } from './node-client.js';
import { computedTokens, SYSTEM_KEYS, type LoadRecord, type RunRecord, type SystemKey, type SystemResult } from './report.js';
import type { Scenario } from './scenario.js';

export const MODEL_ID = 'webrerank-bench/model';
export type BenchDtype = 'q8' | 'fp32';
/** A variant's weights: fp16 too, for WebGPU (`pnpm bench --device webgpu`). */
export type VariantDtype = BenchDtype | 'fp16';
type MemoryRecord = NonNullable<SystemResult['memory']>;

/** An option set of (a), run as a system of its own beside the others. */
export interface Variant {
  label: string; threads?: number; defaults?: ScoreOptions; dtype?: VariantDtype;
  /** Where the variant runs (default wasm); `pnpm bench --device webgpu` adds webgpu ones (bench/gpu.ts). */
  device?: 'wasm' | 'webgpu';
  /** `per-tensor`: the q8 graph as exported, before the per-token rewrite (issue 11). */
  q8Activations?: 'per-tensor' | 'per-token';
}

/** The (a) system that runs q8 as exported, beside the default per-token one (see --skip-q8-baseline). */
export const Q8_BASELINE: Variant = { label: 'q8 per-tensor (before #11)', q8Activations: 'per-tensor' };

export interface GroupContext {
  bb: BenchBrowser;
  /** The harness page's origin, for more tabs. */
  origin: string;
  hubUrl: string;
  dir: string;
  scenario: Scenario;
  options: { systems: SystemKey[]; variants: Variant[]; threads: number | undefined; nodeThreads: number; defaults: ScoreOptions | undefined; q8Baseline: boolean };
  dtype: BenchDtype;
  log: (line: string) => void;
}

/** One loaded runtime (a browser model, a Node child) and the systems that share it. */
export interface Group {
  name: string;
  systems: { key: SystemKey; run: (count: number | undefined) => Promise<RunRecord & { top3: number[] }> }[];
  load(): Promise<LoadRecord>;
  /** Memory peaks so far, read after the load and after each round. */
  memory?(): Promise<MemoryRecord>;
  warmStart?(): Promise<LoadRecord>;
  close(): Promise<void>;
}

const LABELS: Record<(typeof SYSTEM_KEYS)[number], { label: string; how: string }> = {
  webrerank: { label: '(a) webrerank, Chromium', how: 'createReranker in a Web Worker, WASM, rank(query, 100 passages)' },
  'tjs-8': { label: '(b) transformers.js, batches of 8', how: 'AutoTokenizer + AutoModelForSequenceClassification, defaults, page main thread, 8 pairs per call in input order' },
  'tjs-8-threads': { label: "(b') transformers.js, batches of 8, threads = cores", how: 'as (b) batches of 8, plus env.backends.onnx.wasm.numThreads = navigator.hardwareConcurrency (not its default): a tuned transformers.js' },
  'tjs-all': { label: '(b) transformers.js, one call', how: 'AutoTokenizer + AutoModelForSequenceClassification, defaults, page main thread, all 100 pairs in one call' },
  'ort-node': { label: '(c) onnxruntime-node (native)', how: "loadReranker(dir, { backend: 'node' }): webrerank's batches on the native CPU runtime" },
  'ort-web-node': { label: '(d) webrerank engine, Node WASM', how: "loadReranker(dir, { dtype, threads }) on onnxruntime-web's WASM in Node" },
};

export function describe(key: SystemKey): { label: string; how: string } {
  if (!key.startsWith('webrerank:')) return LABELS[key as (typeof SYSTEM_KEYS)[number]];
  return { label: `(a) webrerank, ${key.slice('webrerank:'.length)}`, how: `${LABELS.webrerank.how}, with the variant's options` };
}

function toTop3(scores: readonly number[]): number[] {
  return scores.map((score, index) => ({ score, index })).sort((a, b) => b.score - a.score).slice(0, 3).map((x) => x.index);
}

export function sumTokens(scenario: Scenario, count: number | undefined): number {
  return scenario.pairTokens.slice(0, count ?? scenario.pairTokens.length).reduce((a, b) => a + b, 0);
}

function browserRecord(run: TimedRun, realTokens: number): RunRecord & { top3: number[] } {
  return {
    ms: run.ms, shapes: run.shapes, ...(run.runMs ? { runMs: run.runMs } : {}), realTokens,
    computedTokens: computedTokens(run.shapes), longTasks: run.longTasks, top3: run.top,
  };
}


export function makeGroups(ctx: GroupContext): Group[] {
  const { bb, hubUrl, dir, scenario, options, dtype, log } = ctx;
  const wanted = (key: SystemKey): boolean => options.systems.includes(key);
  const groups: Group[] = [];

  const webrerankGroup = (key: SystemKey, threads: number | undefined, defaults: ScoreOptions | undefined, variantDtype: VariantDtype = dtype, q8Activations?: Variant['q8Activations'], device?: Variant['device']): Group => {
    const wrOptions = {
      model: MODEL_ID, host: hubUrl, dtype: variantDtype,
      ...(device === undefined ? {} : { device }),
      ...(q8Activations === undefined ? {} : { q8Activations }),
      ...(threads === undefined ? {} : { threads }),
      ...(defaults === undefined ? {} : { defaults }),
    };
    const load = async (): Promise<LoadRecord> => {
      const { ms, info } = await bb.call((page) => page.evaluate(([id, o]) => window.bench.wrLoad(id, o), [key, wrOptions] as const));
      return {
        ms, sessionMs: info.timings.sessionMs, downloadMs: info.timings.downloadMs,
        detail: { device: info.device, dtype: info.dtype, threads: info.threads, defaults, files: info.files, timings: info.timings },
      };
    };
    let peak = 0;
    return {
      name: describe(key).label,
      systems: [{
        key,
        run: async (count) => browserRecord(await bb.call((page) => page.evaluate(([id, c]) => window.bench.wrRun(id, c), [key, count] as const)), sumTokens(scenario, count)),
      }],
      load,
      async memory() {
        peak = Math.max(peak, (await bb.page.evaluate((id) => window.bench.wasmMemory(id), key)).workerBytes);
        return { wasmHeapBytes: peak };
      },
      // The second load from IndexedDB, once per dtype: the variants would only repeat it.
      ...(key === 'webrerank' ? { warmStart: load } : {}),
      close: () => bb.call((page) => page.evaluate((id) => window.bench.wrDispose(id), key)),
    };
  };
  if (wanted('webrerank')) groups.push(webrerankGroup('webrerank', options.threads, options.defaults));
  const variants = [...(dtype === 'q8' && options.q8Baseline && wanted('webrerank') ? [Q8_BASELINE] : []), ...options.variants];
  for (const variant of variants) {
    groups.push(webrerankGroup(`webrerank:${variant.label}`, variant.threads ?? options.threads, variant.defaults ?? options.defaults, variant.dtype, variant.q8Activations, variant.device));
  }

  // transformers.js, each mode in its own tab (see openSiblingPage).
  const tjsGroup = (key: 'tjs-8' | 'tjs-8-threads' | 'tjs-all', batch: number | undefined, allCores = false): Group => {
    const files = transformersFiles();
    let tab: BenchBrowser | undefined;
    const own = (): BenchBrowser => {
      if (!tab) throw new Error(`${key}: load first`);
      return tab;
    };
    return {
      name: describe(key).label,
      systems: [{
        key,
        run: async (count) => {
          const run = await own().call((page) => page.evaluate(([c, b]) => window.bench.tjsRun(c, b), [count, batch] as const));
          return browserRecord(run, run.realTokens);
        },
      }],
      async load() {
        tab ??= await openSiblingPage(bb, ctx.origin, log);
        await tab.page.evaluate(([q, p]) => window.bench.setScenario(q, p), [scenario.query, scenario.passages] as const);
        const o = { moduleUrl: files.moduleUrl, wasmBase: files.wasmBase, host: hubUrl, model: MODEL_ID, dtype, allCores };
        const r = await tab.call((page) => page.evaluate((args) => window.bench.tjsLoad(args), o));
        return { ms: r.ms, detail: { version: files.version, ortVersion: r.ortVersion, numThreads: r.numThreads, proxy: r.proxy } };
      },
      memory: async () => ({ wasmHeapBytes: (await own().page.evaluate(() => window.bench.wasmMemory())).pageBytes }),
      async close() {
        await tab?.close();
        tab = undefined;
      },
    };
  };
  if (wanted('tjs-8')) groups.push(tjsGroup('tjs-8', 8));
  if (wanted('tjs-8-threads')) groups.push(tjsGroup('tjs-8-threads', 8, true));
  if (wanted('tjs-all')) groups.push(tjsGroup('tjs-all', undefined));

  const nodeGroup = (key: SystemKey, backend: 'node' | 'wasm', threads: number | undefined): Group => {
    const child = new NodeSystemProcess();
    const peak = { maxRssBytes: 0, wasmHeapBytes: 0 };
    const note = (m: { maxRssBytes: number; wasmHeapBytes: number }): void => {
      peak.maxRssBytes = Math.max(peak.maxRssBytes, m.maxRssBytes);
      peak.wasmHeapBytes = Math.max(peak.wasmHeapBytes, m.wasmHeapBytes);
    };
    return {
      name: describe(key).label,
      systems: [{
        key,
        run: async (count) => {
          const r = await child.run(count);
          note(r);
          return { ms: r.ms, shapes: r.shapes, runMs: r.runMs, realTokens: sumTokens(scenario, count), computedTokens: computedTokens(r.shapes), top3: toTop3(r.scores) };
        },
      }],
      async load() {
        await child.scenario(scenario.query, scenario.passages);
        const r = await child.load({ dir, dtype, backend, threads, defaults: options.defaults });
        note(r);
        return { ms: r.ms, detail: { backend, threads: threads ?? 'onnxruntime-node default' } };
      },
      memory: () => Promise.resolve({ ...peak }),
      close: () => child.close(),
    };
  };
  if (wanted('ort-node')) groups.push(nodeGroup('ort-node', 'node', undefined));
  if (wanted('ort-web-node')) groups.push(nodeGroup('ort-web-node', 'wasm', options.nodeThreads));
  return groups;
}
