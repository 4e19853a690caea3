// Scoring the query against every passage with a loaded reranker, as one ScoredRun.
import type { Loaded } from './load.js';
import type { ScoredRun } from './view/results.js';

export interface ScoreHooks {
  signal: AbortSignal;
  /** Pairs scored so far (streaming models only). */
  onProgress: (done: number, total: number) => void;
  /** A partial ranking while batches finish; returns false to stop listening (settings changed). */
  onPartial: (run: ScoredRun) => boolean;
}

export async function scorePassages(loaded: Loaded, query: string, passages: string[], hooks: ScoreHooks): Promise<ScoredRun> {
  if (loaded.layers) {
    // Layerwise: one call scores every layer; the last one is what rank() orders by.
    const layers = loaded.layers;
    const pairs = passages.map((p): [string, string] => [query, p]);
    const scored = await loaded.reranker.computeScore(pairs, { normalize: false, cutoffLayers: layers, signal: hooks.signal });
    const perLayer = layers.length === 1 ? [scored as number[]] : (scored as number[][]);
    return { passages, logits: perLayer[perLayer.length - 1] ?? [], layers: { layers, scores: perLayer } };
  }
  // rankStream: rows appear as batches finish. The last partial ranking holds every passage:
  // it is the run rank() would give.
  const logits = passages.map(() => Number.NaN);
  const scored: number[] = [];
  const onProgress = (p: { done: number; total: number }): void => hooks.onProgress(p.done, p.total);
  for await (const partial of loaded.reranker.rankStream(query, passages, { normalize: false, signal: hooks.signal, onProgress })) {
    for (const { index, score } of partial) {
      if (Number.isNaN(logits[index] as number)) scored.push(index);
      logits[index] = score;
    }
    if (scored.length < passages.length && !hooks.onPartial({ passages, logits, scored })) break;
  }
  return { passages, logits };
}
