// Loading a reranker for the picked model, device and weights: createReranker, then what the
// page shows about it (info(), and the layers a layerwise model can score from).
import { createReranker, type BrowserReranker, type Dtype, type RerankerEvent, type RerankerInfo } from '@webrerank/core';
import { layerRange } from './layer-range.js';
import { hostUrl, type HostKind } from './models.js';

export type Device = 'auto' | 'webgpu' | 'wasm';

export interface Settings {
  model: string;
  host: HostKind;
  device: Device;
  dtype: Dtype | 'auto';
}

export interface Loaded {
  key: string;
  settings: Settings;
  reranker: BrowserReranker;
  info: RerankerInfo;
  /** A layerwise model: every layer it can score from, [start_layer, num_hidden_layers] of its config.json. */
  layers: number[] | undefined;
  /** Scoring calls so far: the first one also warms onnxruntime up (shader compilation on WebGPU). */
  runs: number;
}

/** Two loads with the same key are the same reranker. */
export const keyOf = (s: Settings): string => JSON.stringify([s.model, s.host, s.device, s.dtype]);

/** Loads a reranker; a failure or a cancel after createReranker disposes what was created. */
export async function loadReranker(settings: Settings, signal: AbortSignal, onEvent: (event: RerankerEvent) => void): Promise<Loaded> {
  const host = hostUrl(settings.host);
  const reranker = await createReranker({
    model: settings.model,
    ...(host !== undefined ? { host } : {}),
    device: settings.device,
    dtype: settings.dtype,
    signal,
    onEvent,
  });
  try {
    const info = await reranker.info();
    const layers = info.kind === 'layerwise' ? await layerRange(info.baseUrl, signal) : undefined;
    if (signal.aborted) throw Object.assign(new Error('loading was cancelled'), { code: 'ABORTED' });
    return { key: keyOf(settings), settings, reranker, info, layers, runs: 0 };
  } catch (error) {
    await reranker.dispose().catch(() => undefined);
    throw error;
  }
}
