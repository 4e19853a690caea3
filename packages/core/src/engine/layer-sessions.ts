import type { OrtSession } from './ort.js';

/**
 * The onnxruntime sessions of a layerwise model, one per cut. onnxruntime executes every node
 * of a graph whatever outputs are fetched, so scoring from layer k with the full graph costs all
 * layers; a session made from the graph cut after layer k costs k. The engine asks for the
 * deepest layer of a call and gets a session whose outputs include `layer_j_logits` for every
 * available j up to it (see model/cut-sessions.ts for the implementation).
 */
export interface LayerSessions {
  /** Layers with a `layer_<k>_logits` output in the ONNX graph, ascending. */
  readonly available: readonly number[];
  /** A session computing layers up to `deepest` (created on first use, then cached). */
  sessionFor(deepest: number): Promise<OrtSession>;
  /** Releases every session created. */
  release(): Promise<void>;
}

/** The graph output holding the per-position scores of layer k's head. */
export function layerOutputName(layer: number): string {
  return `layer_${layer}_logits`;
}
