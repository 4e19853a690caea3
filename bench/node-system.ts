// Child process of the benchmark: one Node-side system, (c) onnxruntime-node or (d) webrerank's
// engine on onnxruntime-web's WASM, both through `loadReranker`, so both run exactly the batches
// webrerank plans. A child of its own, so that a synchronous WASM run never stalls the parent's
// servers and browser connection, and each system's memory is its own (maxRSS).
import { loadOrt, loadReranker, type NodeBackend } from '../packages/core/src/node/index.js';
import type { Dtype, Pair, Reranker, ScoreOptions } from '../packages/core/src/index.js';
import { traceSessions, trackWasmMemory, type RunShape } from '../e2e/harness/bench-trace.js';

export interface NodeLoadRequest { dir: string; dtype: Dtype; backend: NodeBackend; threads: number | undefined; defaults: ScoreOptions | undefined }
export type NodeRequest =
  | { id: number; op: 'load'; load: NodeLoadRequest }
  | { id: number; op: 'scenario'; query: string; passages: string[] }
  | { id: number; op: 'run'; count: number | undefined }
  | { id: number; op: 'dispose' };
export type NodeReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };

export interface NodeMemory { maxRssBytes: number; wasmHeapBytes: number }
export interface NodeLoadResult extends NodeMemory { ms: number }
export interface NodeRunResult extends NodeMemory { ms: number; shapes: RunShape[]; runMs: number[]; scores: number[] }

let reranker: Reranker | undefined;
let query = '';
let passages: string[] = [];
const shapes: RunShape[] = [];
const runMs: number[] = [];

// onnxruntime-web creates its heap on the first session: track it from the start.
const wasmBytes = trackWasmMemory();
const memory = (): NodeMemory => ({ maxRssBytes: process.resourceUsage().maxRSS * 1024, wasmHeapBytes: wasmBytes() });

async function load(request: NodeLoadRequest): Promise<NodeLoadResult> {
  // The same module instance loadReranker imports: trace its session class first.
  traceSessions((await loadOrt(request.backend, request.threads ?? 1)).InferenceSession, {
    onRun: (shape, ms) => {
      shapes.push(shape);
      runMs.push(ms);
    },
  });
  const started = performance.now();
  reranker = await loadReranker(request.dir, {
    backend: request.backend, dtype: request.dtype, defaults: request.defaults,
    ...(request.threads === undefined ? {} : { threads: request.threads }),
  });
  return { ms: performance.now() - started, ...memory() };
}

async function run(count: number | undefined): Promise<NodeRunResult> {
  if (!reranker) throw new Error('load first');
  const docs = count === undefined ? passages : passages.slice(0, count);
  const pairs: Pair[] = docs.map((p) => [query, p]);
  shapes.length = 0;
  runMs.length = 0;
  const started = performance.now();
  const scores = await reranker.computeScore(pairs);
  const ms = performance.now() - started;
  return { ms, shapes: shapes.slice(), runMs: runMs.slice(), scores, ...memory() };
}

async function handle(request: NodeRequest): Promise<unknown> {
  switch (request.op) {
    case 'load':
      return load(request.load);
    case 'scenario':
      query = request.query;
      passages = request.passages;
      return undefined;
    case 'run':
      return run(request.count);
    case 'dispose':
      await reranker?.dispose();
      reranker = undefined;
      return undefined;
  }
}

process.on('message', (request: NodeRequest) => {
  handle(request).then(
    (value) => process.send?.({ id: request.id, ok: true, value } satisfies NodeReply),
    (error: unknown) => {
      const code = (error as { code?: unknown }).code;
      const text = error instanceof Error ? error.message : String(error);
      process.send?.({ id: request.id, ok: false, error: typeof code === 'string' ? `${code}: ${text}` : text } satisfies NodeReply);
    },
  );
});
