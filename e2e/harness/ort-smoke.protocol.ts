// Messages between ort-smoke.ts (page) and ort-smoke.worker.ts. Types only.
export interface SmokeRequest {
  /** the hub server's URL; the worker fetches webrerank-test/xlmr-tiny from it */
  hub: string;
  executionProviders: string[];
  /**
   * Which onnxruntime-web build: 'jsep' = `onnxruntime-web` (its WebGPU EP is the JS one, JSEP),
   * 'webgpu' = `onnxruntime-web/webgpu` (the native C++ WebGPU EP). Both have the same wasm EP.
   */
  build: 'jsep' | 'webgpu';
  /** how many pairs of expected.json's `default` call to run, as one right-padded batch */
  pairs: number;
}

export interface EpRun {
  ep: string;
  /** logits[b] = the model's raw score of pair b; absent when the EP failed */
  logits?: number[];
  error?: string;
  createMs?: number;
  firstRunMs?: number | undefined;
  secondRunMs?: number | undefined;
}

export interface SmokeResult {
  build: SmokeRequest['build'];
  crossOriginIsolated: boolean;
  hardwareConcurrency: number;
  /** ort.env.wasm.numThreads after the sessions were created (onnxruntime lowers it to 1 without SharedArrayBuffer) */
  numThreads: number;
  adapter: string | null;
  pairIndices: number[];
  runs: EpRun[];
}

export type SmokeReply = { ok: true; result: SmokeResult } | { ok: false; error: string };
