// `pnpm bench`: rerank top-100 with webrerank (createReranker in Chromium) against
// transformers.js (same browser), onnxruntime-node (native) and webrerank's engine on
// onnxruntime-web in Node, side by side on the same model files and passages.
// `pnpm bench --quick`: the same harness on the tiny model, in well under a minute.
// See docs/performance.md for what each number means.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { ScoreOptions } from '../packages/core/src/index.js';
import { loadReranker } from '../packages/core/src/node/index.js';
import { startHubServer } from '../e2e/support/hub-server.js';
import { openBenchPage, startHarness, transformersFiles } from './browser.js';
import { describeAdapter, GPU_CHROMIUM_ARGS, gpuLaunchOptions, gpuVariants, probeAdapter } from './gpu.js';
import { ensureBenchModel } from './model.js';
import { describe, makeGroups, MODEL_ID, sumTokens, type BenchDtype, type Group, type GroupContext, type Variant, type VariantDtype } from './systems.js';
import { markdownTable, summarize, SYSTEM_KEYS, type SystemKey, type SystemResult } from './report.js';
import { buildScenario } from './scenario.js';
import { benchLoad, LOAD_VARIANTS, loadTable, type LoadResult, type LoadVariant } from './load.js';
import { benchLongInputs, longInputsTable } from './long-inputs.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const ONNX_FILE: Record<VariantDtype, string> = { q8: 'onnx/model_quantized.onnx', fp32: 'onnx/model.onnx', fp16: 'onnx/model_fp16.onnx' };

const USAGE = `usage: pnpm bench [--quick] [--device wasm|webgpu] [--dtype q8,fp32] [--runs N] [--budget-s S] [--systems ${SYSTEM_KEYS.join(',')}]
  [--threads N] [--node-threads N] [--defaults JSON] [--variants JSON] [--skip-q8-baseline] [--label TEXT] [--out FILE]
       pnpm bench --load [--quick] [--dtype q8,fp32] [--runs N] [--load-variants JSON] [--label TEXT] [--out FILE]
       pnpm bench --cascade [--quick] [--runs N] [--queries N]   (cascade reranking vs full rerank; see bench/cascade.ts)

  --quick         tiny model, q8, 2 runs: checks the harness (its timings mean nothing)
  --device        wasm (default): every system below. webgpu: webrerank on WebGPU, fp16 (when the
                  adapter has shader-f16) and fp32, against its WASM run (q8), in Chromium with the
                  GPU on; prints the adapter, fails when there is none (docs/gpu-bench.md)
  --gpu-args      with --device webgpu: Chromium flags instead of bench/gpu.ts's (space-separated)
  --allow-software  with --device webgpu: measure on a software adapter (SwiftShader) too;
                  --quick allows it (it checks the script, not the GPU)
  --dtype         dtypes to measure, in order (default q8,fp32; --quick: q8)
  --runs          timed top-100 runs per system, after one warm-up call (default 3)
  --budget-s      per dtype: no new round of runs starts past this many seconds (default 240);
                  every system gets at least one timed run
  --systems       which systems to run (default all)
  --threads       createReranker's threads for (a) (default: its own, the core count)
  --node-threads  onnxruntime-web threads of (d) in Node (default: the core count, as (a))
  --defaults      score options (JSON) for every webrerank engine, (a) (c) (d): batchSize, maxBatchTokens…
  --variants      more (a) systems, side by side, each in its own worker: a JSON list of
                  {"label": "…", "threads": N, "defaults": {…}, "dtype": "fp32", "q8Activations": "per-tensor"}, e.g. '[{"label":"2k","defaults":{"maxBatchTokens":2048}}]'
  --skip-q8-baseline  no "(a) webrerank, q8 per-tensor (before #11)" system: by default q8 runs
                  both ways side by side, the graph as exported (per-tensor activation scales,
                  batch-dependent scores) and rewritten per token (the default, batch-invariant)
  --load          instead of top-100: the loading path before and after issue 15, side by side:
                  per dtype and run, each path's first download (cache evicted) then its warm start
                  (weights from IndexedDB), in Chromium from the local hub (bench/load.ts)
  --load-variants with --load: the paths to compare, a JSON list of {"label": "…", "path": {"sha256":
                  "wasm"|"js", "chunkValue": "blob"|"bytes", "storeAlongside": bool, "prewarm": bool}} (default: before,
                  after, and after less each change); --runs is the number of rounds (default 3)
  --label         a name for this run, kept in the JSON
  --out           where to write the JSON (default bench/results/<timestamp>.json)
`;


interface Options {
  quick: boolean;
  load: boolean;
  loadVariants: LoadVariant[];
  device: 'wasm' | 'webgpu';
  gpuArgs: string[];
  allowSoftware: boolean;
  dtypes: BenchDtype[];
  runs: number;
  budgetMs: number;
  systems: SystemKey[];
  variants: Variant[];
  q8Baseline: boolean;
  threads: number | undefined;
  nodeThreads: number;
  defaults: ScoreOptions | undefined;
  label: string | undefined;
  out: string | undefined;
  warmupPassages: number;
}

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: false },
      load: { type: 'boolean', default: false },
      'load-variants': { type: 'string' },
      device: { type: 'string', default: 'wasm' },
      'gpu-args': { type: 'string' },
      'allow-software': { type: 'boolean', default: false },
      dtype: { type: 'string' },
      runs: { type: 'string' },
      'budget-s': { type: 'string' },
      systems: { type: 'string' },
      threads: { type: 'string' },
      'node-threads': { type: 'string' },
      defaults: { type: 'string' },
      variants: { type: 'string' },
      'skip-q8-baseline': { type: 'boolean', default: false },
      label: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    process.exit(0);
  }
  const positive = (text: string | undefined, name: string, fallback: number): number => {
    if (text === undefined) return fallback;
    const n = Number(text);
    if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer`);
    return n;
  };
  const list = <T extends string>(text: string | undefined, allowed: readonly T[], fallback: readonly T[], name: string): T[] => {
    if (text === undefined) return [...fallback];
    const items = text.split(',').map((s) => s.trim()).filter(Boolean);
    for (const item of items) if (!allowed.includes(item as T)) throw new Error(`--${name}: unknown ${item} (one of ${allowed.join(', ')})`);
    return items as T[];
  };
  const quick = values.quick;
  if (values.device !== 'wasm' && values.device !== 'webgpu') throw new Error(`--device must be wasm or webgpu, got ${values.device}`);
  // WebGPU: one short run (under 8 minutes on a GPU machine): WASM q8 as the reference, then
  // the WebGPU variants (added once the adapter is known), two timed runs each.
  const gpu = values.device === 'webgpu';
  return {
    quick,
    load: values.load,
    loadVariants: values['load-variants'] === undefined ? LOAD_VARIANTS : (JSON.parse(values['load-variants']) as LoadVariant[]),
    device: values.device,
    gpuArgs: values['gpu-args'] === undefined ? [...GPU_CHROMIUM_ARGS] : values['gpu-args'].split(/\s+/).filter(Boolean),
    allowSoftware: values['allow-software'] || quick,
    dtypes: list(values.dtype, ['q8', 'fp32'] as const, quick || gpu ? ['q8'] : ['q8', 'fp32'], 'dtype'),
    runs: positive(values.runs, 'runs', quick || gpu ? 2 : 3),
    budgetMs: positive(values['budget-s'], 'budget-s', quick ? 20 : gpu ? 150 : 240) * 1000,
    systems: list(values.systems, SYSTEM_KEYS, gpu ? ['webrerank'] : SYSTEM_KEYS, 'systems'),
    threads: values.threads === undefined ? undefined : positive(values.threads, 'threads', 1),
    nodeThreads: positive(values['node-threads'], 'node-threads', availableParallelism()),
    defaults: values.defaults === undefined ? undefined : (JSON.parse(values.defaults) as ScoreOptions),
    variants: values.variants === undefined ? [] : (JSON.parse(values.variants) as Variant[]),
    q8Baseline: !values['skip-q8-baseline'] && !gpu,
    label: values.label,
    out: values.out,
    warmupPassages: 8,
  };
}

const started = performance.now();
function log(line: string): void {
  process.stderr.write(`[${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s] ${line}\n`);
}

async function benchDtype(ctx: GroupContext & { options: Options }): Promise<SystemResult[]> {
  const { options, dtype, scenario } = ctx;
  const groups = makeGroups(ctx);
  const results = new Map<SystemKey, SystemResult>();
  for (const group of groups) for (const s of group.systems) results.set(s.key, { key: s.key, ...describe(s.key), runs: [] });
  const fail = (keys: SystemKey[], error: unknown): void => {
    const text = error instanceof Error ? error.message : String(error);
    for (const key of keys) {
      const r = results.get(key);
      if (r && !r.error) r.error = text;
    }
    log(`  ${keys.join(', ')} failed: ${text}`);
  };
  const live = (key: SystemKey): boolean => !results.get(key)?.error;
  // Memory is read after the load and right after each system's first timed run: its runs are
  // all the same, so that is its peak, and the two modes of (b), which share the page's heap
  // (which never shrinks), are each read before the other's first timed run could add to it.
  const sampleMemory = async (group: Group, keys: SystemKey[], field: 'memory' | 'memoryAfterLoad'): Promise<void> => {
    if (!group.memory) return;
    try {
      const memory = await group.memory();
      for (const key of keys) (results.get(key) as SystemResult)[field] = memory;
    } catch (error) {
      log(`  memory reading failed: ${String(error)}`);
    }
  };

  try {
    for (const group of groups) {
      log(`${dtype}: loading ${group.name}`);
      try {
        const load = await group.load();
        for (const s of group.systems) (results.get(s.key) as SystemResult).load = load;
        log(`  loaded in ${(load.ms / 1000).toFixed(1)} s`);
        await sampleMemory(group, group.systems.map((s) => s.key), 'memoryAfterLoad');
      } catch (error) {
        fail(group.systems.map((s) => s.key), error);
      }
    }
    log(`${dtype}: warm-up, ${options.warmupPassages} passages each`);
    for (const group of groups) {
      for (const s of group.systems.filter((x) => live(x.key))) {
        try {
          const { top3: _top3, ...record } = await s.run(options.warmupPassages);
          (results.get(s.key) as SystemResult).warmup = record;
        } catch (error) {
          fail([s.key], error);
        }
      }
    }
    const roundsStart = performance.now();
    for (let round = 0; round < options.runs; round++) {
      const roundStart = performance.now();
      for (const group of groups) {
        for (const s of group.systems.filter((x) => live(x.key))) {
          try {
            const { top3, ...record } = await s.run(undefined);
            const result = results.get(s.key) as SystemResult;
            result.runs.push({ ...record, loadAverage1m: loadavg()[0] });
            result.top3 ??= top3;
            log(`${dtype} round ${round + 1}: ${s.key} ${(record.ms / 1000).toFixed(2)} s (load average ${loadavg()[0]?.toFixed(1)})`);
          } catch (error) {
            fail([s.key], error);
          }
          if (round === 0) await sampleMemory(group, [s.key], 'memory');
        }
      }
      const now = performance.now();
      if (round + 1 < options.runs && now - roundsStart + (now - roundStart) > options.budgetMs) {
        log(`${dtype}: stopping after ${round + 1} round(s): another would pass the ${options.budgetMs / 1000} s budget`);
        break;
      }
    }
    for (const group of groups) {
      if (!group.warmStart || group.systems.every((s) => !live(s.key))) continue;
      log(`${dtype}: ${group.name}: second load (weights from IndexedDB)`);
      try {
        const warm = await group.warmStart();
        for (const s of group.systems) (results.get(s.key) as SystemResult).warmStart = warm;
      } catch (error) {
        log(`  warm start failed: ${String(error)}`);
      }
    }
  } finally {
    for (const group of groups) await group.close().catch((error: unknown) => log(`closing ${group.name}: ${String(error)}`));
  }
  const pairs = scenario.passages.length;
  return [...results.values()].map((r) => {
    const summary = summarize(r.runs, pairs);
    return summary ? { ...r, summary } : r;
  });
}

function machine(): Record<string, unknown> {
  const cpuinfo = (() => {
    try {
      return readFileSync('/proc/cpuinfo', 'utf8');
    } catch {
      return '';
    }
  })();
  const field = (name: string): string | undefined => new RegExp(`^${name}\\s*:\\s*(.*)$`, 'm').exec(cpuinfo)?.[1];
  const git = (args: string[]): string | undefined => {
    try {
      return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      return undefined;
    }
  };
  return {
    nproc: availableParallelism(),
    cpuModel: field('model name'),
    cpuFlags: ['avx2', 'avx512f', 'avx512_vnni', 'avx_vnni', 'fma'].filter((f) => new RegExp(`\\b${f}\\b`).test(field('flags') ?? '')),
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    commit: git(['rev-parse', '--short', 'HEAD']),
    dirty: (git(['status', '--porcelain']) ?? '') !== '',
  };
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const preset = options.quick ? 'tiny' : 'base';
  const loadBefore = loadavg();
  const dir = await ensureBenchModel(preset, log);
  log(`model: testkit ${preset} (${dir})`);

  // The scenario, tokenized by the engine itself (the pair lengths are what it computes).
  const tokenizer = await loadReranker(dir, { dtype: 'q8' });
  const scenario = buildScenario((q, p) => (tokenizer.encodePairs([[q, p]])[0] as number[]).length);
  await tokenizer.dispose();
  const sorted = [...scenario.passageTokens].sort((a, b) => a - b);
  log(`scenario ${scenario.name}: passages ${sorted[0]}-${sorted.at(-1)} tokens (median ${sorted[sorted.length >> 1]}), ${sumTokens(scenario, undefined)} pair tokens`);

  // Tokenizer on long inputs, before/after the safe cut (a few seconds, Node only; not a GPU matter).
  const longInputs = options.device === 'wasm' && !options.load ? benchLongInputs(log, options.quick) : [];
  if (longInputs.length > 0) process.stdout.write(`\n${longInputsTable(longInputs)}\n`);

  const hub = await startHubServer({ models: { [MODEL_ID]: dir } });
  const cleanups: (() => Promise<unknown>)[] = [() => hub.close()];
  const results: Record<string, SystemResult[]> = {};
  const loadResults: Record<string, LoadResult[]> = {};
  let environment: Record<string, unknown> = {};
  let pageMessages: string[] = [];
  try {
    // The hub hashes each file on its first request: do it now, not inside a timed load.
    const dtypes = new Set<VariantDtype>([...options.dtypes, ...options.variants.flatMap((v) => (v.dtype ? [v.dtype] : [])), ...(options.device === 'webgpu' ? ['fp16', 'fp32'] as const : [])]);
    for (const dtype of dtypes) await fetch(`${hub.url}/${MODEL_ID}/resolve/main/${ONNX_FILE[dtype]}`, { method: 'HEAD' });
    const harness = await startHarness();
    cleanups.unshift(() => harness.server.close());
    const bb = await openBenchPage(harness.origin, log, options.device === 'webgpu' ? gpuLaunchOptions(options.gpuArgs) : undefined);
    cleanups.unshift(() => bb.close());
    pageMessages = bb.messages;
    const page = await bb.page.evaluate(() => window.bench.environment());
    const tjs = transformersFiles();
    environment = { ...machine(), chromium: bb.version, page, transformersJs: tjs.version, transformersJsOrtWeb: tjs.ortVersion };
    if (options.device === 'webgpu') {
      // Before any load: no adapter, or only a software one, ends the run here with the reason.
      const adapter = await probeAdapter(bb.page);
      for (const line of describeAdapter(adapter)) log(line);
      environment = { ...environment, chromiumArgs: options.gpuArgs, webgpuAdapter: adapter };
      if (adapter.isFallbackAdapter && !options.allowSoftware) {
        throw new Error('the only WebGPU adapter is a software fallback (SwiftShader): its numbers would be a CPU emulating a GPU. Check the driver and flags (docs/gpu-bench.md), or pass --allow-software');
      }
      options.variants = [...gpuVariants(adapter), ...options.variants];
    }
    log(`Chromium ${bb.version}, hardwareConcurrency ${page.hardwareConcurrency}, crossOriginIsolated ${page.crossOriginIsolated}`);
    for (const dtype of options.load ? options.dtypes : []) {
      loadResults[dtype] = await benchLoad({ bb, hubUrl: hub.url, dtype, rounds: options.runs, variants: options.loadVariants, log });
      process.stdout.write(`\n${loadTable(dtype, loadResults[dtype])}\n`);
    }
    for (const dtype of options.load ? [] : options.dtypes) {
      // A fresh page per dtype: fresh onnxruntime heaps (they never shrink); IndexedDB stays.
      await bb.reload();
      await bb.page.evaluate(([q, p]) => window.bench.setScenario(q, p), [scenario.query, scenario.passages] as const);
      results[dtype] = await benchDtype({ bb, origin: harness.origin, log, hubUrl: hub.url, dir, scenario, options, dtype });
      process.stdout.write(`\n${markdownTable(dtype, results[dtype])}\n`);
    }
  } finally {
    for (const cleanup of cleanups) await cleanup().catch((error: unknown) => log(`cleanup: ${String(error)}`));
  }

  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const out = options.out ?? join(ROOT, 'bench/results', `${stamp}${options.load ? '-load' : ''}${options.quick ? '-quick' : ''}.json`);
  mkdirSync(join(out, '..'), { recursive: true });
  const json = {
    label: options.label,
    date: new Date().toISOString(),
    wallSeconds: (performance.now() - started) / 1000,
    loadAverage: { before: loadBefore, after: loadavg() },
    options: { ...options, budgetMs: options.budgetMs },
    model: { preset, dir },
    environment,
    scenario: {
      name: scenario.name, seed: scenario.seed, query: scenario.query, passageTokens: scenario.passageTokens, pairTokens: scenario.pairTokens,
      totalPairTokens: sumTokens(scenario, undefined), maxLength: 512,
    },
    results,
    ...(options.load ? { loadResults } : {}),
    longInputs,
    pageMessages,
  };
  writeFileSync(out, `${JSON.stringify(json, null, 2)}\n`);
  log(`wrote ${out} (${json.wallSeconds.toFixed(0)} s in all)`);
  const failed = Object.values(results).flat().filter((r) => r.error);
  if (failed.length > 0) log(`note: ${failed.length} system(s) failed: ${failed.map((r) => `${r.key}: ${r.error ?? ''}`).join('; ')}`);
  // --quick checks the harness itself: any failure there is a broken harness.
  if (options.quick && failed.length > 0) process.exitCode = 1;
}

// `--cascade` is a scenario of its own (bench/cascade.ts), in Node only.
(process.argv.includes('--cascade') ? import('./cascade.js').then((m) => m.runCascadeBench(process.argv.slice(2))) : main()).then(
  () => process.exit(process.exitCode ?? 0),
  (error: unknown) => {
    log(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
