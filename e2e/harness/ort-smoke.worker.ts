// Worker side of the smoke test: onnxruntime-web straight from node_modules (no app code),
// xlmr-tiny from the hub server, each execution provider in turn.
import type * as Ort from 'onnxruntime-web';
import type { EpRun, SmokeReply, SmokeRequest, SmokeResult } from './ort-smoke.protocol';

interface Expected { calls: { id: string; per_pair: { pair_index: number; input_ids: number[] }[] }[] }
const MODEL = 'webrerank-test/xlmr-tiny';
const PAD_ID = 1; // XLM-R: the graph derives position ids from input_ids != 1

// Literal specifiers, so that Vite resolves both builds (and serves their .wasm/.mjs itself).
const loadOrt = (build: SmokeRequest['build']): Promise<typeof Ort> =>
  build === 'jsep' ? import('onnxruntime-web') : import('onnxruntime-web/webgpu');

async function download(hub: string, file: string): Promise<Response> {
  const response = await fetch(`${hub}/${MODEL}/resolve/main/${file}`);
  if (!response.ok) throw new Error(`${file}: HTTP ${response.status}`);
  return response;
}

/** Right-padded [batch, maxLen] int64 feeds, as FlagEmbedding builds them. */
function feeds(ort: typeof Ort, batch: number[][]): Record<string, Ort.Tensor> {
  const width = Math.max(...batch.map((ids) => ids.length));
  const ids = new BigInt64Array(batch.length * width).fill(BigInt(PAD_ID));
  const mask = new BigInt64Array(batch.length * width);
  batch.forEach((row, b) => row.forEach((id, t) => {
    ids[b * width + t] = BigInt(id);
    mask[b * width + t] = 1n;
  }));
  const dims = [batch.length, width];
  return { input_ids: new ort.Tensor('int64', ids, dims), attention_mask: new ort.Tensor('int64', mask, dims) };
}

async function runOn(ort: typeof Ort, ep: string, model: Uint8Array, batch: number[][]): Promise<EpRun> {
  try {
    let started = performance.now();
    const session = await ort.InferenceSession.create(model, { executionProviders: [ep] });
    const createMs = performance.now() - started;
    const times: number[] = [];
    let logits: number[] = [];
    // Twice: the first WebGPU run compiles its shaders.
    for (let i = 0; i < 2; i++) {
      started = performance.now();
      const output = await session.run(feeds(ort, batch));
      times.push(performance.now() - started);
      logits = Array.from(output.logits!.data as Float32Array);
    }
    await session.release();
    return { ep, logits, createMs, firstRunMs: times[0], secondRunMs: times[1] };
  } catch (error) {
    return { ep, error: error instanceof Error ? error.message : String(error) };
  }
}

async function adapterInfo(): Promise<string | null> {
  type Gpu = { requestAdapter(): Promise<{ info?: { vendor: string; architecture: string } } | null> };
  const adapter = await (navigator as WorkerNavigator & { gpu?: Gpu }).gpu?.requestAdapter();
  return adapter ? `${adapter.info?.vendor ?? '?'}/${adapter.info?.architecture ?? '?'}` : null;
}

async function smoke(request: SmokeRequest): Promise<SmokeResult> {
  const ort = await loadOrt(request.build);
  // Threads need SharedArrayBuffer, i.e. a crossOriginIsolated page (COOP + COEP).
  ort.env.wasm.numThreads = self.crossOriginIsolated ? navigator.hardwareConcurrency : 1;
  const expected = (await (await download(request.hub, 'expected.json')).json()) as Expected;
  const pairs = expected.calls.find((call) => call.id === 'default')!.per_pair.slice(0, request.pairs);
  const model = new Uint8Array(await (await download(request.hub, 'onnx/model.onnx')).arrayBuffer());
  const runs: EpRun[] = [];
  for (const ep of request.executionProviders) runs.push(await runOn(ort, ep, model, pairs.map((p) => p.input_ids)));
  return {
    build: request.build,
    crossOriginIsolated: self.crossOriginIsolated,
    hardwareConcurrency: navigator.hardwareConcurrency,
    numThreads: ort.env.wasm.numThreads ?? 0,
    adapter: await adapterInfo(),
    pairIndices: pairs.map((p) => p.pair_index),
    runs,
  };
}

self.onmessage = (event: MessageEvent<SmokeRequest>) => {
  smoke(event.data).then(
    (result) => self.postMessage({ ok: true, result } satisfies SmokeReply),
    (error: unknown) => self.postMessage({ ok: false, error: String(error) } satisfies SmokeReply),
  );
};
