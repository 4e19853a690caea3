// Loading the Rerank page's reranker for the picked settings: model-picker's openReranker, plus
// what this page shows about it (the layers a layerwise model can score from) and its run count.
import type { BrowserReranker, RerankerEvent, RerankerInfo } from '@webrerank/core';
import { layerRange } from './layer-range.js';
import { keyOf, openReranker, type Settings } from './model-picker.js';

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

/** Loads a reranker; a failure or a cancel after createReranker disposes what was created. */
export async function loadReranker(settings: Settings, signal: AbortSignal, onEvent: (event: RerankerEvent) => void): Promise<Loaded> {
  const { reranker, info } = await openReranker(settings, signal, onEvent);
  try {
    const layers = info.kind === 'layerwise' ? await layerRange(info.baseUrl, signal) : undefined;
    if (signal.aborted) throw Object.assign(new Error('loading was cancelled'), { code: 'ABORTED' });
    return { key: keyOf(settings), settings, reranker, info, layers, runs: 0 };
  } catch (error) {
    await reranker.dispose().catch(() => undefined);
    throw error;
  }
}
