import { RerankerError } from '../errors.js';
import type { TransformersJsConfig } from './dtype.js';

/** What the cross-encoder engine reads from config.json. */
export interface CrossEncoderConfig {
  modelType: string;
  padTokenId: number | undefined;
  /** The longest sequence the position table allows (XLM-R: 514 positions minus the pad offset = 512). */
  maxSequenceLength: number | undefined;
  transformersJs: TransformersJsConfig | undefined;
}

/**
 * Reads config.json of a cross-encoder (a `*ForSequenceClassification` with one label, the
 * shape of bge-reranker-base/-large/-v2-m3) and rejects other models up front, before any
 * weights are downloaded. `checkArchitecture: false` trusts an explicit `kind: 'cross-encoder'`.
 */
export function readCrossEncoderConfig(json: unknown, checkArchitecture = true): CrossEncoderConfig {
  const config = (json ?? {}) as Record<string, unknown>;
  const architectures = Array.isArray(config.architectures) ? (config.architectures as unknown[]) : [];
  const isClassifier = architectures.some((a) => typeof a === 'string' && a.endsWith('ForSequenceClassification'));
  if (checkArchitecture && !isClassifier) {
    throw new RerankerError('MODEL_NOT_SUPPORTED', `config.json describes ${architectures.join(', ') || 'no architecture'}, not a cross-encoder (*ForSequenceClassification)`);
  }
  const labels = config.num_labels ?? (config.id2label ? Object.keys(config.id2label).length : 1);
  if (labels !== 1) {
    throw new RerankerError('MODEL_NOT_SUPPORTED', `a reranker has one output label; this model has ${String(labels)}`);
  }
  const modelType = typeof config.model_type === 'string' ? config.model_type : 'unknown';
  const padTokenId = typeof config.pad_token_id === 'number' ? config.pad_token_id : undefined;
  const positions = typeof config.max_position_embeddings === 'number' ? config.max_position_embeddings : undefined;
  return {
    modelType,
    padTokenId,
    maxSequenceLength: positions === undefined ? undefined : maxSequenceLength(modelType, positions, padTokenId),
    transformersJs: config['transformers.js_config'] as TransformersJsConfig | undefined,
  };
}

// RoBERTa-family position ids start after the pad id (HF `create_position_ids_from_input_ids`),
// so `pad_token_id + 1` positions are never used by real tokens.
function maxSequenceLength(modelType: string, positions: number, padTokenId: number | undefined): number {
  const robertaLike = ['xlm-roberta', 'roberta', 'camembert', 'xlm-roberta-xl'].includes(modelType);
  return robertaLike ? positions - (padTokenId ?? 1) - 1 : positions;
}
