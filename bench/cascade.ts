// `pnpm bench --cascade`: cascade reranking (issue 15) against the full rerank, side by side in one
// run of webrerank's engine on onnxruntime-web WASM in Node.
//  1. Time of a top-100 rank: testkit's tiny cross-encoder then its base one on the best N, and a
//     layerwise model scored at its lowest layer then at its last on the best N, for N in
//     {10, 20, 50}, against the full rerank by the expensive stage alone.
//  2. Agreement on the reference models (FlagEmbedding-checked): over many queries, how often the
//     cascade's top-10 is the full rerank's top-10.
// See docs/performance.md, "Cascade reranking".
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { cascade, loadReranker, type LoadedReranker } from '../packages/core/src/node/index.js';
import type { RankResult } from '../packages/core/src/index.js';
import { ensureTinyModel } from '../packages/testkit/src/index.js';
import { agreement, agreementQueries, flagEmbeddingLayerAgreement, order, type Agreement } from './cascade-agreement.js';
import { ensureBenchModel } from './model.js';
import { buildScenario } from './scenario.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const REFERENCE = join(ROOT, 'packages/testkit/reference');
const TOP_N = [10, 20, 50] as const;

const USAGE = `usage: pnpm bench --cascade [--quick] [--runs N] [--queries N] [--node-threads N] [--out FILE]
  --quick         tiny as the expensive cross-encoder too (checks the harness; its timings mean nothing)
  --runs          timed rounds of every system (default 3), after one warm-up call each
  --queries       queries of 100 passages for the agreement tables (default 10)
  --node-threads  onnxruntime-web threads (default 1: the ratio, not the machine, is the point)
`;

type Rank = (query: string, passages: string[]) => Promise<RankResult<string>[]>;
interface TimedSystem { key: string; label: string; rank: Rank; runs: number[]; work?: number }

const started = performance.now();
const log = (line: string): void => void process.stderr.write(`[${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s] ${line}\n`);
const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1] as number;

export async function runCascadeBench(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv.filter((a) => a !== '--cascade'),
    options: {
      quick: { type: 'boolean', default: false }, runs: { type: 'string' }, queries: { type: 'string' },
      'node-threads': { type: 'string' }, out: { type: 'string' }, help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return void process.stdout.write(USAGE);
  const runs = Number(values.runs ?? 3);
  const queries = Number(values.queries ?? 10);
  const threads = Number(values['node-threads'] ?? 1);
  const load = (dir: string, dtype: 'q8' | 'fp32'): Promise<LoadedReranker> => loadReranker(dir, { dtype, threads });

  // 1. Time.
  const tinyDir = await ensureTinyModel();
  const bigDir = values.quick ? tinyDir : await ensureBenchModel('base', log);
  const [small, big, layerwise] = [await load(tinyDir, 'q8'), await load(bigDir, 'q8'), await load(join(REFERENCE, 'minicpm-layerwise-tiny'), 'fp32')];
  const scenario = buildScenario((q, p) => (big.encodePairs([[q, p]])[0] as number[]).length);
  const systems: TimedSystem[] = [
    { key: 'ce-full', label: `cross-encoder: full rerank, testkit ${values.quick ? 'tiny' : 'base'} q8`, rank: (q, p) => big.rank(q, p), runs: [] },
    { key: 'ce-first', label: 'cross-encoder: first stage alone, testkit tiny q8', rank: (q, p) => small.rank(q, p), runs: [] },
    ...TOP_N.map((topN): TimedSystem => ({ key: `ce-cascade-${topN}`, label: `cross-encoder: cascade, tiny then ${values.quick ? 'tiny' : 'base'} on N = ${topN}`, rank: (q, p) => cascade(small, big, { topN }).rank(q, p), runs: [] })),
    { key: 'lw-full', label: 'layerwise: full rerank, layer 6 (minicpm-layerwise-tiny fp32)', rank: (q, p) => layerwise.rank(q, p), runs: [] },
    { key: 'lw-first', label: 'layerwise: first stage alone, layer 2', rank: (q, p) => layerwise.rank(q, p, { cutoffLayers: 2 }), runs: [] },
    ...TOP_N.map((topN): TimedSystem => ({ key: `lw-cascade-${topN}`, label: `layerwise: cascade, layer 2 then layer 6 on N = ${topN}`, rank: (q, p) => layerwise.rank(q, p, { cascade: { topN, cutoffLayers: 2 } }), runs: [] })),
  ];
  // The work each system does, free of the machine's load: the share of the full rerank's pair
  // tokens it scores with the expensive model (layerwise: layers × tokens, of 6 × all tokens).
  // The tiny cross-encoder's own cost is left out (its time, beside the full one's, shows it).
  const share = (tokens: number[], first: number[], n: number): number => first.slice(0, n).reduce((a, i) => a + (tokens[i] as number), 0) / tokens.reduce((a, b) => a + b, 0);
  const lwTokens = scenario.passages.map((p) => (layerwise.encodePairs([[scenario.query, p]])[0] as number[]).length);
  const ceFirst = order(await small.rank(scenario.query, scenario.passages));
  const lwFirst = order(await layerwise.rank(scenario.query, scenario.passages, { cutoffLayers: 2 }));
  for (const s of systems) {
    const n = Number(/cascade-(\d+)$/.exec(s.key)?.[1] ?? NaN);
    if (s.key.endsWith('-full')) s.work = 1;
    else if (s.key === 'lw-first') s.work = 2 / 6;
    else if (s.key.startsWith('ce-cascade')) s.work = share(scenario.pairTokens, ceFirst, n);
    else if (s.key.startsWith('lw-cascade')) s.work = 2 / 6 + share(lwTokens, lwFirst, n);
  }
  log(`timing: ${systems.length} systems, ${runs} rounds, ${scenario.passages.length} passages, ${threads} thread(s)`);
  // Warm-up: every session the timed calls use exists (the cut graphs of the layerwise model too).
  for (const s of systems) await s.rank(scenario.query, scenario.passages.slice(0, 8));
  const tops = new Map<string, number[]>();
  for (let round = 0; round < runs; round++) {
    for (const s of systems) {
      const t = performance.now();
      const ranking = await s.rank(scenario.query, scenario.passages);
      s.runs.push(performance.now() - t);
      tops.set(s.key, order(ranking).slice(0, 10));
      log(`round ${round + 1}: ${s.key} ${(s.runs.at(-1) as number).toFixed(0)} ms (load average ${loadavg()[0]?.toFixed(1)})`);
    }
  }
  const fullOf = (key: string): number => median((systems.find((s) => s.key === (key.startsWith('ce') ? 'ce-full' : 'lw-full')) as TimedSystem).runs);
  const timing = systems.map((s) => ({
    key: s.key, label: s.label, runsMs: s.runs, medianMs: median(s.runs), vsFull: median(s.runs) / fullOf(s.key), work: s.work,
    sameTop10AsFull: (tops.get(s.key) ?? []).join() === (tops.get(s.key.startsWith('ce') ? 'ce-full' : 'lw-full') ?? []).join(),
  }));
  for (const r of [small, big, layerwise]) await r.dispose();

  // 2. Agreement on the reference models.
  log(`agreement: ${queries} queries of 100 passages per model`);
  const agreements: { stages: string; topN: number; result: Agreement }[] = [];
  const minicpm = await load(join(REFERENCE, 'minicpm-layerwise-tiny'), 'fp32');
  const lwQueries = agreementQueries((q, p) => (minicpm.encodePairs([[q, p]])[0] as number[]).length, queries);
  const lwFull = await Promise.all(lwQueries.map(async ({ query, passages }) => order(await minicpm.rank(query, passages))));
  for (const layer of [2, 3, 4]) {
    for (const topN of TOP_N) {
      const tops10 = await Promise.all(lwQueries.map(async ({ query, passages }) => order(await minicpm.rank(query, passages, { cascade: { topN, cutoffLayers: layer } }))));
      agreements.push({ stages: `minicpm-layerwise-tiny: layer ${layer}, then layer 6`, topN, result: agreement(tops10, lwFull) });
      log(`  layer ${layer} N ${topN}: ${JSON.stringify(agreements.at(-1)?.result)}`);
    }
  }
  await minicpm.dispose();
  const xlmr = await load(join(REFERENCE, 'xlmr-tiny'), 'fp32');
  const xlmrQ8 = await load(join(REFERENCE, 'xlmr-tiny'), 'q8');
  const other = await load(tinyDir, 'fp32');
  const ceQueries = agreementQueries((q, p) => (xlmr.encodePairs([[q, p]])[0] as number[]).length, queries);
  const ceFull = await Promise.all(ceQueries.map(async ({ query, passages }) => order(await xlmr.rank(query, passages))));
  for (const [name, first] of [['testkit tiny fp32 (another random model)', other], ['xlmr-tiny q8 (the same model, quantized)', xlmrQ8]] as const) {
    for (const topN of TOP_N) {
      const tops10 = await Promise.all(ceQueries.map(async ({ query, passages }) => order(await cascade(first, xlmr, { topN }).rank(query, passages))));
      agreements.push({ stages: `${name}, then xlmr-tiny fp32`, topN, result: agreement(tops10, ceFull) });
      log(`  ${name} N ${topN}: ${JSON.stringify(agreements.at(-1)?.result)}`);
    }
  }
  for (const r of [xlmr, xlmrQ8, other]) await r.dispose();
  const expected = join(REFERENCE, 'minicpm-layerwise-tiny/expected.json');
  const flagEmbedding = ([2, 4] as const).flatMap((layer) => [10, 20].map((topN) => ({ layer, topN, result: flagEmbeddingLayerAgreement(expected, layer, topN) })));

  process.stdout.write(`\n${timingTable(timing)}\n\n${agreementTable(agreements)}\n`);
  const out = values.out ?? join(ROOT, 'bench/results', `${new Date().toISOString().replace(/[:.]/g, '-')}-cascade.json`);
  mkdirSync(join(out, '..'), { recursive: true });
  writeFileSync(out, `${JSON.stringify({ date: new Date().toISOString(), nproc: availableParallelism(), threads, runs, queries, bigModel: bigDir, timing, agreements, flagEmbedding }, null, 2)}\n`);
  log(`wrote ${out}`);
}

function timingTable(rows: { label: string; runsMs: number[]; medianMs: number; vsFull: number; work: number | undefined; sameTop10AsFull: boolean }[]): string {
  return ['| top-100 rank | median ms (runs) | vs full | work vs full | top-10 = full\'s |', '|---|---:|---:|---:|---|', ...rows.map((r) =>
    `| ${r.label} | ${r.medianMs.toFixed(0)} (${r.runsMs.map((m) => m.toFixed(0)).join(', ')}) | ${r.vsFull.toFixed(2)}x | ${r.work === undefined ? '-' : `${r.work.toFixed(2)}x`} | ${r.sameTop10AsFull ? 'yes' : 'no'} |`)].join('\n');
}

function agreementTable(rows: { stages: string; topN: number; result: Agreement }[]): string {
  return ['| cascade | N | top-10 same set | same order | mean overlap |', '|---|---:|---:|---:|---:|', ...rows.map(({ stages, topN, result: a }) =>
    `| ${stages} | ${topN} | ${a.sameSet}/${a.queries} | ${a.sameOrder}/${a.queries} | ${(a.meanOverlap * 100).toFixed(0)} % |`)].join('\n');
}
