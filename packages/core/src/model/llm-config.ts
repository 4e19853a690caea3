import { RerankerError } from '../errors.js';
import type { LayerRange } from '../engine/cutoff-layers.js';
import type { TransformersJsConfig } from './dtype.js';

/** What the LLM engines read from config.json. */
export interface LlmConfig {
  modelType: string;
  padTokenId: number | undefined;
  bosTokenId: number | undefined;
  /** `max_position_embeddings`: the graphs compute positions 0..columns-1, so padded batches must fit. */
  maxSequenceLength: number | undefined;
  transformersJs: TransformersJsConfig | undefined;
}

/**
 * Reads config.json of a decoder LLM reranker (bge-reranker-v2-gemma's shape).
 *
 * @example
 * readLlmConfig({ model_type: 'gemma', pad_token_id: 0, bos_token_id: 2, max_position_embeddings: 8192 });
 */
export function readLlmConfig(json: unknown): LlmConfig {
  const config = (json ?? {}) as Record<string, unknown>;
  return {
    modelType: typeof config.model_type === 'string' ? config.model_type : 'unknown',
    padTokenId: int(config.pad_token_id),
    bosTokenId: int(config.bos_token_id),
    maxSequenceLength: int(config.max_position_embeddings),
    transformersJs: config['transformers.js_config'] as TransformersJsConfig | undefined,
  };
}

/**
 * The layer range of a layerwise reranker: FlagEmbedding's `[start_layer, num_hidden_layers]`
 * (bge-reranker-v2-minicpm-layerwise: [8, 40]; the reference tiny model: [2, 6]).
 *
 * @example
 * readLayerRange({ start_layer: 2, num_hidden_layers: 6 }); // { startLayer: 2, numHiddenLayers: 6 }
 */
export function readLayerRange(json: unknown): LayerRange {
  const config = (json ?? {}) as Record<string, unknown>;
  const startLayer = int(config.start_layer);
  const numHiddenLayers = int(config.num_hidden_layers);
  if (startLayer === undefined || numHiddenLayers === undefined || startLayer > numHiddenLayers || startLayer < 0) {
    throw new RerankerError(
      'MODEL_NOT_SUPPORTED',
      `a layerwise reranker's config.json needs integers start_layer <= num_hidden_layers (got ${String(config.start_layer)}, ${String(config.num_hidden_layers)})`,
    );
  }
  return { startLayer, numHiddenLayers };
}

function int(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) ? value : undefined;
}
