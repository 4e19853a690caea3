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
import type { TimedRun } from '../e2e/harness/bench.js';
import { startHubServer } from '../e2e/support/hub-server.js';
import { openBenchPage, startHarness, transformersFiles, type BenchBrowser } from './browser.js';
import { ensureBenchModel } from './model.js';
import { NodeSystemProcess } from './node-client.js';
import { computedTokens, markdownTable, summarize, SYSTEM_KEYS, type LoadRecord, type RunRecord, type SystemKey, type SystemResult } from './report.js';

type MemoryRecord = NonNullable<SystemResult['memory']>;
import { buildScenario, type Scenario } from './scenario.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const MODEL_ID = 'webrerank-bench/model';
type BenchDtype = 'q8' | 'fp32';
const ONNX_FILE: Record<BenchDtype, string> = { q8: 'onnx/model_quantized.onnx', fp32: 'onnx/model.onnx' };

const USAGE = `usage: pnpm bench [--quick] [--dtype q8,fp32] [--runs N] [--budget-s S] [--systems ${SYSTEM_KEYS.join(',')}]
  [--threads N] [--node-threads N] [--defaults JSON] [--variants JSON] [--label TEXT] [--out FILE]

  --quick         tiny model, q8, 2 runs: checks the harness (its timings mean nothing)
  --dtype         dtypes to measure, in order (default q8,fp32; --quick: q8)
  --runs          timed top-100 runs per system, after one warm-up call (default 3)
  --budget-s      per dtype: no new round of runs starts past this many seconds (default 240);
                  every system gets at least one timed run
  --systems       which systems to run (default all)
  --threads       createReranker's threads for (a) (default: its own, the core count)
  --node-threads  onnxruntime-web threads of (d) in Node (default: the core count, as (a))
  --defaults      score options (JSON) for every webrerank engine, (a) (c) (d): batchSize, maxBatchTokens…
  --variants      more (a) systems, side by side, each in its own worker: a JSON list of
                  {"label": "…", "threads": N, "defaults": {…}, "dtype": "fp32"}, e.g. '[{"label":"2k","defaults":{"maxBatchTokens":2048}}]'
  --label         a name for this run, kept in the JSON
  --out           where to write the JSON (default bench/results/<timestamp>.json)
`;

/** An option set of (a), run as a system of its own beside the others. */
interface Variant { label: string; threads?: number; defaults?: ScoreOptions; dtype?: BenchDtype }

interface Options {
  quick: boolean;
  dtypes: BenchDtype[];
  runs: number;
  budgetMs: number;
  systems: SystemKey[];
  variants: Variant[];
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
      dtype: { type: 'string' },
      runs: { type: 'string' },
      'budget-s': { type: 'string' },
      systems: { type: 'string' },
      threads: { type: 'string' },
      'node-threads': { type: 'string' },
      defaults: { type: 'string' },
      variants: { type: 'string' },
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
  return {
    quick,
    dtypes: list(values.dtype, ['q8', 'fp32'] as const, quick ? ['q8'] : ['q8', 'fp32'], 'dtype'),
    runs: positive(values.runs, 'runs', quick ? 2 : 3),
    budgetMs: positive(values['budget-s'], 'budget-s', quick ? 20 : 240) * 1000,
    systems: list(values.systems, SYSTEM_KEYS, SYSTEM_KEYS, 'systems'),
    threads: values.threads === undefined ? undefined : positive(values.threads, 'threads', 1),
    nodeThreads: positive(values['node-threads'], 'node-threads', availableParallelism()),
    defaults: values.defaults === undefined ? undefined : (JSON.parse(values.defaults) as ScoreOptions),
    variants: values.variants === undefined ? [] : (JSON.parse(values.variants) as Variant[]),
    label: values.label,
    out: values.out,
    warmupPassages: 8,
  };
}

const started = performance.now();
function log(line: string): void {
  process.stderr.write(`[${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s] ${line}\n`);
}

/** One loaded runtime (a browser model, a Node child) and the systems that share it. */
interface Group {
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
  'tjs-all': { label: '(b) transformers.js, one call', how: 'AutoTokenizer + AutoModelForSequenceClassification, defaults, page main thread, all 100 pairs in one call' },
  'ort-node': { label: '(c) onnxruntime-node (native)', how: "loadReranker(dir, { backend: 'node' }): webrerank's batches on the native CPU runtime" },
  'ort-web-node': { label: '(d) webrerank engine, Node WASM', how: "loadReranker(dir, { dtype, threads }) on onnxruntime-web's WASM in Node" },
};

function describe(key: SystemKey): { label: string; how: string } {
  if (!key.startsWith('webrerank:')) return LABELS[key as (typeof SYSTEM_KEYS)[number]];
  return { label: `(a) webrerank, ${key.slice('webrerank:'.length)}`, how: `${LABELS.webrerank.how}, with the variant's options` };
}

function toTop3(scores: readonly number[]): number[] {
  return scores.map((score, index) => ({ score, index })).sort((a, b) => b.score - a.score).slice(0, 3).map((x) => x.index);
}

function sumTokens(scenario: Scenario, count: number | undefined): number {
  return scenario.pairTokens.slice(0, count ?? scenario.pairTokens.length).reduce((a, b) => a + b, 0);
}

function browserRecord(run: TimedRun, realTokens: number): RunRecord & { top3: number[] } {
  return {
    ms: run.ms, shapes: run.shapes, ...(run.runMs ? { runMs: run.runMs } : {}), realTokens,
    computedTokens: computedTokens(run.shapes), longTasks: run.longTasks, top3: run.top,
  };
}


function makeGroups(ctx: { bb: BenchBrowser; hubUrl: string; dir: string; scenario: Scenario; options: Options; dtype: BenchDtype }): Group[] {
  const { bb, hubUrl, dir, scenario, options, dtype } = ctx;
  const wanted = (key: SystemKey): boolean => options.systems.includes(key);
  const groups: Group[] = [];

  const webrerankGroup = (key: SystemKey, threads: number | undefined, defaults: ScoreOptions | undefined, variantDtype = dtype): Group => {
    const wrOptions = {
      model: MODEL_ID, host: hubUrl, dtype: variantDtype,
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
  for (const variant of options.variants) {
    groups.push(webrerankGroup(`webrerank:${variant.label}`, variant.threads ?? options.threads, variant.defaults ?? options.defaults, variant.dtype));
  }

  if (wanted('tjs-8') || wanted('tjs-all')) {
    const files = transformersFiles();
    const tjsRun = (batch: number | undefined) => async (count: number | undefined) => {
      const run = await bb.call((page) => page.evaluate(([c, b]) => window.bench.tjsRun(c, b), [count, batch] as const));
      return browserRecord(run, run.realTokens);
    };
    groups.push({
      name: 'transformers.js (browser)',
      systems: [
        ...(wanted('tjs-8') ? [{ key: 'tjs-8' as const, run: tjsRun(8) }] : []),
        ...(wanted('tjs-all') ? [{ key: 'tjs-all' as const, run: tjsRun(undefined) }] : []),
      ],
      async load() {
        const o = { moduleUrl: files.moduleUrl, wasmBase: files.wasmBase, host: hubUrl, model: MODEL_ID, dtype };
        const r = await bb.call((page) => page.evaluate((args) => window.bench.tjsLoad(args), o));
        return { ms: r.ms, detail: { version: files.version, ortVersion: r.ortVersion, numThreads: r.numThreads, proxy: r.proxy } };
      },
      memory: async () => ({ wasmHeapBytes: (await bb.page.evaluate(() => window.bench.wasmMemory())).pageBytes }),
      close: () => bb.call((page) => page.evaluate(() => window.bench.tjsDispose())),
    });
  }

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

async function benchDtype(ctx: Parameters<typeof makeGroups>[0]): Promise<SystemResult[]> {
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

  const hub = await startHubServer({ models: { [MODEL_ID]: dir } });
  const cleanups: (() => Promise<unknown>)[] = [() => hub.close()];
  const results: Record<string, SystemResult[]> = {};
  let environment: Record<string, unknown> = {};
  let pageMessages: string[] = [];
  try {
    // The hub hashes each file on its first request: do it now, not inside a timed load.
    const dtypes = new Set([...options.dtypes, ...options.variants.flatMap((v) => (v.dtype ? [v.dtype] : []))]);
    for (const dtype of dtypes) await fetch(`${hub.url}/${MODEL_ID}/resolve/main/${ONNX_FILE[dtype]}`, { method: 'HEAD' });
    const harness = await startHarness();
    cleanups.unshift(() => harness.server.close());
    const bb = await openBenchPage(harness.origin, log);
    cleanups.unshift(() => bb.close());
    pageMessages = bb.messages;
    const page = await bb.page.evaluate(() => window.bench.environment());
    const tjs = transformersFiles();
    environment = { ...machine(), chromium: bb.version, page, transformersJs: tjs.version, transformersJsOrtWeb: tjs.ortVersion };
    log(`Chromium ${bb.version}, hardwareConcurrency ${page.hardwareConcurrency}, crossOriginIsolated ${page.crossOriginIsolated}`);
    for (const dtype of options.dtypes) {
      // A fresh page per dtype: fresh onnxruntime heaps (they never shrink); IndexedDB stays.
      await bb.reload();
      await bb.page.evaluate(([q, p]) => window.bench.setScenario(q, p), [scenario.query, scenario.passages] as const);
      results[dtype] = await benchDtype({ bb, hubUrl: hub.url, dir, scenario, options, dtype });
      process.stdout.write(`\n${markdownTable(dtype, results[dtype])}\n`);
    }
  } finally {
    for (const cleanup of cleanups) await cleanup().catch((error: unknown) => log(`cleanup: ${String(error)}`));
  }

  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const out = options.out ?? join(ROOT, 'bench/results', `${stamp}${options.quick ? '-quick' : ''}.json`);
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
    pageMessages,
  };
  writeFileSync(out, `${JSON.stringify(json, null, 2)}\n`);
  log(`wrote ${out} (${json.wallSeconds.toFixed(0)} s in all)`);
  const failed = Object.values(results).flat().filter((r) => r.error);
  if (failed.length > 0) log(`note: ${failed.length} system(s) failed: ${failed.map((r) => `${r.key}: ${r.error ?? ''}`).join('; ')}`);
  // --quick checks the harness itself: any failure there is a broken harness.
  if (options.quick && failed.length > 0) process.exitCode = 1;
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (error: unknown) => {
    log(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
