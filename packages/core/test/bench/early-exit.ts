// Early-exit measurement for docs/llm-rerankers.md: run time of a layerwise reranker cut after
// layer k against the full graph, on the minicpm-layerwise-tiny reference model.
//   pnpm exec tsx packages/core/test/bench/early-exit.ts [--backend wasm|node] [--batch 64] [--length 256] [--runs 15]
// Two levels: the raw session (one fixed batch, full graph fetching layer_k_logits vs the graph
// cut after k) and the engine (computeScore with cutoffLayers k, earlyExit on vs off). The two
// sides of each row run interleaved, run after run, so load from other processes hits both alike;
// the tables give medians and minima.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { OrtModule, OrtSession } from '../../src/engine/ort.js';
import { readOnnxModel } from '../../src/model/onnx/onnx-graph.js';
import { pruneOnnxModel } from '../../src/model/onnx/prune.js';
import { loadOrt, loadReranker } from '../../src/node/load-node.js';
import { callPairs, readReference, REFERENCE_DIR } from '../helpers/reference.js';
import type { Pair } from '../../src/api.js';

const { values } = parseArgs({
  options: { backend: { type: 'string', default: 'wasm' }, batch: { type: 'string', default: '64' }, length: { type: 'string', default: '256' }, runs: { type: 'string', default: '15' } },
});
const backend = values.backend === 'node' ? 'node' : 'wasm';
const [batch, length, runs] = [Number(values.batch), Number(values.length), Number(values.runs)];
const MODEL = `${REFERENCE_DIR}minicpm-layerwise-tiny`;
const LAYERS = [2, 3, 4, 5, 6];

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Times two tasks interleaved (after one warm-up each); returns [median, min] of each. */
async function timePair(a: () => Promise<unknown>, b: () => Promise<unknown>): Promise<[number, number, number, number]> {
  await a();
  await b();
  const ta: number[] = [];
  const tb: number[] = [];
  const timed = async (task: () => Promise<unknown>, times: number[]): Promise<void> => {
    const start = performance.now();
    await task();
    times.push(performance.now() - start);
  };
  for (let i = 0; i < runs; i++) {
    await timed(a, ta);
    await timed(b, tb);
  }
  return [median(ta), Math.min(...ta), median(tb), Math.min(...tb)];
}

const ms = (median: number, min: number): string => `${median.toFixed(0)} (${min.toFixed(0)})`;

async function sessionLevel(ort: OrtModule): Promise<void> {
  const bytes = new Uint8Array(readFileSync(`${MODEL}/onnx/model.onnx`));
  // Left-padded-looking random batch of real ids (no padding: every column real, worst case).
  const ids = BigInt64Array.from({ length: batch * length }, (_, i) => BigInt(i === 0 ? 1 : 300 + ((i * 7919) % 1600)));
  const mask = new BigInt64Array(batch * length).fill(1n);
  const feeds = () => ({ input_ids: new ort.Tensor('int64', ids, [batch, length]), attention_mask: new ort.Tensor('int64', mask, [batch, length]) });
  const full = await ort.InferenceSession.create(bytes);
  const nodes = (b: Uint8Array): number => readOnnxModel(b).graph.filter((e) => e.kind === 'node').length;
  console.log(`\nsession.run, batch [${batch}, ${length}], ${backend}, ms median (min) of ${runs}:`);
  console.log('| layer k | nodes kept | full graph, fetch layer_k_logits | graph cut after k | speed-up (medians) |');
  console.log('|---|---|---|---|---|');
  for (const k of LAYERS) {
    const name = `layer_${k}_logits`;
    const cutBytes = pruneOnnxModel(bytes, LAYERS.filter((j) => j <= k).map((j) => `layer_${j}_logits`));
    const cut: OrtSession = await ort.InferenceSession.create(cutBytes);
    const [fullMedian, fullMin, cutMedian, cutMin] = await timePair(() => full.run(feeds(), [name]), () => cut.run(feeds(), [name]));
    console.log(`| ${k} | ${nodes(cutBytes)} / ${nodes(bytes)} | ${ms(fullMedian, fullMin)} | ${ms(cutMedian, cutMin)} | ${(fullMedian / cutMedian).toFixed(2)}x |`);
    await cut.release();
  }
  await full.release();
}

async function engineLevel(): Promise<void> {
  const reference = readReference('minicpm-layerwise-tiny');
  const base = callPairs(reference, reference.calls[0]!);
  const pairs: Pair[] = Array.from({ length: batch }, (_, i) => base[i % base.length]!);
  const early = await loadReranker(MODEL, { backend, kind: 'layerwise' });
  const fullOnly = await loadReranker(MODEL, { backend, kind: 'layerwise', earlyExit: false });
  const lengths = early.encodePairs(pairs).map((p) => p.length);
  console.log(`\ncomputeScore of ${batch} reference pairs (${Math.min(...lengths)}-${Math.max(...lengths)} tokens, default batching), ${backend}, ms median (min) of ${runs}:`);
  console.log('| cutoffLayers | earlyExit false | earlyExit true | speed-up (medians) |');
  console.log('|---|---|---|---|');
  for (const k of LAYERS) {
    const [fullMedian, fullMin, cutMedian, cutMin] = await timePair(
      () => fullOnly.computeScore(pairs, { cutoffLayers: k }),
      () => early.computeScore(pairs, { cutoffLayers: k }),
    );
    console.log(`| ${k} | ${ms(fullMedian, fullMin)} | ${ms(cutMedian, cutMin)} | ${(fullMedian / cutMedian).toFixed(2)}x |`);
  }
  await Promise.all([early.dispose(), fullOnly.dispose()]);
}

await sessionLevel(await loadOrt(backend, 1));
await engineLevel();
