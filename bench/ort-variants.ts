// One onnxruntime-web session run, measured under variants of the runtime: which build, which
// session options. onnxruntime-web 1.30 ships three builds with the WASM execution provider:
// `wasm` (CPU only), `webgpu` (WebGPU EP, Asyncify: what webrerank's worker imports) and `jspi`
// (WebGPU EP, JS Promise Integration). Asyncify instruments functions that may be on the stack
// when an async import suspends, which could slow CPU kernels too. Each variant gets its own
// dedicated worker, a session from the same model bytes and the same fixed batch; runs interleave.
//
//   pnpm tsx bench/ort-variants.ts [--dtype q8|fp32] [--batch 8x200] [--runs 5] [--threads 2] [--only a,b]
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { availableParallelism } from 'node:os';
import { dirname, extname, join } from 'node:path';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from '../e2e/support/chromium.js';
import { ensureBenchModel } from './model.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const WEBGPU = 'ort.webgpu.min.mjs';
/** The first one is webrerank's own: the others are compared with it. */
const VARIANTS: Record<string, { build: string; options?: Record<string, unknown>; fixedShape?: boolean }> = {
  'webrerank (webgpu build, opt all)': { build: WEBGPU },
  'wasm build': { build: 'ort.wasm.min.mjs' },
  'jspi build': { build: 'ort.jspi.min.mjs' },
  'opt extended': { build: WEBGPU, options: { graphOptimizationLevel: 'extended' } },
  'opt basic': { build: WEBGPU, options: { graphOptimizationLevel: 'basic' } },
  'freeDimensionOverrides': { build: WEBGPU, fixedShape: true },
  'no spinning': { build: WEBGPU, options: { extra: { session: { intra_op: { allow_spinning: '0' } } } } },
  'no CPU memory arena': { build: WEBGPU, options: { enableCpuMemArena: false } },
};

const { values } = parseArgs({
  options: { dtype: { type: 'string', default: 'q8' }, batch: { type: 'string', default: '8x200' }, runs: { type: 'string', default: '5' }, threads: { type: 'string' }, only: { type: 'string' } },
});
const [batch, length] = (values.batch ?? '8x200').split('x').map(Number) as [number, number];
const runs = Number(values.runs);
const only = values.only?.split(',');
const variants = Object.fromEntries(Object.entries(VARIANTS).filter(([name], i) => i === 0 || !only || only.some((o) => name.includes(o))));
const threads = Number(values.threads ?? availableParallelism());
const modelDir = await ensureBenchModel('base', (line) => console.log(line));
const modelFile = join(modelDir, values.dtype === 'fp32' ? 'onnx/model.onnx' : 'onnx/model_quantized.onnx');
const ortDist = join(dirname(createRequire(join(ROOT, 'packages/core/package.json')).resolve('onnxruntime-web')), '.');

// The worker: imports the build, creates a session from the model's bytes, runs a fixed batch.
const WORKER = `
self.onmessage = async ({ data }) => {
  const ort = await import('/ort/' + data.variant.build);
  ort.env.wasm.numThreads = data.threads;
  const bytes = new Uint8Array(await (await fetch('/model')).arrayBuffer());
  const shape = data.variant.fixedShape ? { freeDimensionOverrides: { batch_size: data.batch, sequence_length: data.length } } : {};
  const session = await ort.InferenceSession.create(bytes, { executionProviders: ['wasm'], graphOptimizationLevel: 'all', ...shape, ...data.variant.options });
  const n = data.batch * data.length;
  const ids = new BigInt64Array(n);
  for (let i = 0; i < n; i++) ids[i] = BigInt(1000 + ((i * 7919) % 200000));
  const feeds = { input_ids: new ort.Tensor('int64', ids, [data.batch, data.length]), attention_mask: new ort.Tensor('int64', new BigInt64Array(n).fill(1n), [data.batch, data.length]) };
  await session.run(feeds);
  self.postMessage('ready');
  self.onmessage = async () => {
    const started = performance.now();
    const out = await session.run(feeds);
    self.postMessage({ ms: performance.now() - started, first: Number(out.logits.data[0]) });
  };
};`;

// The page: one worker per variant, each loaded in turn, then runs interleaved across variants.
const PAGE = `async ({ variants, threads, batch, length, runs }) => {
  const ask = (worker, message) => new Promise((resolve, reject) => {
    worker.onmessage = (event) => resolve(event.data);
    worker.onerror = (event) => reject(new Error(event.message));
    worker.postMessage(message);
  });
  const workers = new Map();
  for (const [name, variant] of Object.entries(variants)) {
    const worker = new Worker('/worker.js', { type: 'module' });
    await ask(worker, { variant, threads, batch, length });
    workers.set(name, worker);
  }
  const times = {};
  for (let r = 0; r < runs; r++) {
    for (const [name, worker] of workers) (times[name] ??= []).push((await ask(worker, 'run')).ms);
  }
  return times;
}`;

const server = createServer((req, res) => {
  const headers = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };
  const url = req.url ?? '/';
  const type = (p: string): string => ({ '.mjs': 'text/javascript', '.js': 'text/javascript', '.wasm': 'application/wasm' })[extname(p)] ?? 'application/octet-stream';
  if (url === '/') return res.writeHead(200, { ...headers, 'Content-Type': 'text/html' }).end('<!doctype html><title>ort variants</title>');
  if (url === '/worker.js') return res.writeHead(200, { ...headers, 'Content-Type': 'text/javascript' }).end(WORKER);
  const file = url === '/model' ? modelFile : url.startsWith('/ort/') ? join(ortDist, url.slice(5).replace(/\.\./g, '')) : undefined;
  if (!file) return res.writeHead(404).end();
  res.writeHead(200, { ...headers, 'Content-Type': type(file), 'Content-Length': statSync(file).size });
  createReadStream(file).pipe(res);
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const address = server.address();
const origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

const browser = await chromium.launch(chromiumLaunchOptions({ webgpu: false }));
try {
  const page = await browser.newPage();
  await page.goto(origin);
  console.log(`${values.dtype} batch ${batch}x${length}, ${threads} threads, ${runs} runs per variant, interleaved`);
  // A string, not a function: tsx's name-keeping helper (__name) does not exist in the page.
  const times = (await page.evaluate(`(${PAGE})(${JSON.stringify({ variants, threads, batch, length, runs })})`)) as Record<string, number[]>;
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
  const base = median(Object.values(times)[0] ?? []);
  for (const [name, ms] of Object.entries(times)) {
    console.log(`${name.padEnd(34)} median ${median(ms).toFixed(0).padStart(6)} ms  (${ms.map((m) => m.toFixed(0)).join(', ')})  speed-up ${(base / median(ms)).toFixed(2)}x`);
  }
} finally {
  await browser.close();
  server.close();
}
