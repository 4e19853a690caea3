// `pnpm bench --load`: the model loading path before and after issue 15, side by side in one run.
// Per dtype and round, each loading path (a JSON LoadPath the bench worker applies, see
// packages/core/src/store/load-path.ts) gets a first download (cache evicted first) and then a
// warm start (weights from IndexedDB), each a fresh createReranker in its own worker. Paths
// alternate within a round, and their order flips every round, so the machine's load falls on both.
import type { LoadPath } from '../packages/core/src/store/load-path.js';
import type { BenchBrowser } from './browser.js';
import { median } from './report.js';
import { MODEL_ID, type BenchDtype } from './systems.js';

export interface LoadVariant { label: string; path: Partial<LoadPath> }

/** What is compared by default: the old path, the new one, and the new one less each change. */
export const LOAD_VARIANTS: LoadVariant[] = [
  { label: 'before', path: { sha256: 'js', chunkValue: 'bytes', storeAlongside: false, prewarm: false } },
  { label: 'after', path: { sha256: 'wasm', chunkValue: 'blob', storeAlongside: true, prewarm: true } },
  { label: 'after, JS sha256', path: { sha256: 'js', chunkValue: 'blob', storeAlongside: true, prewarm: true } },
  { label: 'after, bytes chunks', path: { sha256: 'wasm', chunkValue: 'bytes', storeAlongside: true, prewarm: true } },
  { label: 'after, stored before return', path: { sha256: 'wasm', chunkValue: 'blob', storeAlongside: false, prewarm: true } },
  { label: 'after, no prewarm', path: { sha256: 'wasm', chunkValue: 'blob', storeAlongside: true, prewarm: false } },
];

export interface LoadSample {
  /** createReranker to info(), wall time on the page. */
  ms: number;
  /** Time any file read was in flight (network or IndexedDB), from info().timings. */
  readMs: number;
  /** The rest of the load after the reads (tokenizer, graph rewrite, session), from info().timings. */
  sessionMs: number;
  /** onnxruntime's InferenceSession.create of the model alone (bench worker's trace). */
  createMs: number;
  fromCache: boolean;
}

export interface LoadResult { label: string; path: Partial<LoadPath>; first: LoadSample[]; warm: LoadSample[] }

interface Context { bb: BenchBrowser; hubUrl: string; dtype: BenchDtype; rounds: number; variants: LoadVariant[]; log: (line: string) => void }

export async function benchLoad({ bb, hubUrl, dtype, rounds, variants, log }: Context): Promise<LoadResult[]> {
  const results = variants.map((v) => ({ label: v.label, path: v.path, first: [] as LoadSample[], warm: [] as LoadSample[] }));
  const load = async (variant: LoadVariant): Promise<LoadSample> => {
    const options = { model: MODEL_ID, host: hubUrl, dtype, loadPath: JSON.stringify(variant.path) };
    const r = await bb.call((page) => page.evaluate(([o]) => window.bench.wrLoad('load', o), [options] as const));
    await bb.call((page) => page.evaluate(() => window.bench.wrDispose('load')));
    const weights = r.info.files.filter((f) => f.path.endsWith('.onnx') || f.path.includes('.onnx_data'));
    return {
      ms: r.ms, readMs: r.info.timings.downloadMs, sessionMs: r.info.timings.sessionMs,
      // The model's own session: the longest create (the prewarm's one-node model is the other).
      createMs: Math.max(0, ...r.createMs), fromCache: weights.length > 0 && weights.every((f) => f.from === 'cache'),
    };
  };
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? results : [...results].reverse();
    for (const result of order) {
      const variant = { label: result.label, path: result.path };
      await bb.call((page) => page.evaluate(([m, h]) => window.bench.wrEvict(m, h), [MODEL_ID, hubUrl] as const));
      const first = await load(variant);
      const warm = await load(variant);
      if (first.fromCache) throw new Error(`${variant.label}: the first load read the weights from the cache (evict failed?)`);
      if (!warm.fromCache) throw new Error(`${variant.label}: the warm start downloaded the weights again (not stored?)`);
      result.first.push(first);
      result.warm.push(warm);
      const s = (ms: number): string => (ms / 1000).toFixed(2);
      log(`${dtype} round ${round + 1} ${variant.label}: first ${s(first.ms)} s (reads ${s(first.readMs)}, create ${s(first.createMs)}); warm ${s(warm.ms)} s (reads ${s(warm.readMs)}, create ${s(warm.createMs)})`);
    }
  }
  return results;
}

/** One markdown table per dtype: medians, and each path's time over the first path's. */
export function loadTable(dtype: string, results: readonly LoadResult[]): string {
  const base = results[0];
  const med = (samples: readonly LoadSample[], field: keyof Omit<LoadSample, 'fromCache'>): number => median(samples.map((x) => x[field]));
  const s = (ms: number): string => (ms / 1000).toFixed(2);
  const lines = [
    `**${dtype}** (medians of ${base?.first.length ?? 0} rounds)`,
    '',
    '| path | first load s | × before | its reads s | warm start s | × before | its reads s | create s | warm / create |',
    '|---|---|---|---|---|---|---|---|---|',
  ];
  for (const r of results) {
    const first = med(r.first, 'ms');
    const warm = med(r.warm, 'ms');
    const create = med(r.warm, 'createMs');
    lines.push(`| ${r.label} | ${s(first)} | ${base ? (first / med(base.first, 'ms')).toFixed(2) : '–'} | ${s(med(r.first, 'readMs'))} | ${s(warm)} | ${base ? (warm / med(base.warm, 'ms')).toFixed(2) : '–'} | ${s(med(r.warm, 'readMs'))} | ${s(create)} | ${(warm / create).toFixed(2)} |`);
  }
  return lines.join('\n');
}
