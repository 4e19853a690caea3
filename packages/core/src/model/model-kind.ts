import type { RerankerKind } from '../api.js';
import { RerankerError } from '../errors.js';

/** The `kind` values `loadModel` accepts, to override what config.json says. */
export const RERANKER_KINDS: readonly RerankerKind[] = ['cross-encoder', 'llm', 'layerwise'];

/**
 * Tells from config.json's `architectures` which FlagEmbedding reranker a folder holds:
 * `*ForSequenceClassification` is a cross-encoder (FlagReranker); FlagEmbedding's own
 * `LayerWise*ForCausalLM` (bge-reranker-v2-minicpm-layerwise's `LayerWiseMiniCPMForCausalLM`) is
 * layerwise; any other `*ForCausalLM` (GemmaForCausalLM, Gemma2ForCausalLM, ...) is a decoder LLM
 * reranker (FlagLLMReranker). FlagEmbedding's `CostWise*` lightweight rerankers have a different
 * recipe and are refused. Anything else needs an explicit `kind`.
 *
 * @example
 * detectModelKind({ architectures: ['GemmaForCausalLM'] }); // 'llm'
 */
export function detectModelKind(config: unknown): RerankerKind {
  const raw = (config as { architectures?: unknown } | null | undefined)?.architectures;
  const architectures = Array.isArray(raw) ? raw.filter((a): a is string => typeof a === 'string') : [];
  const named = architectures.join(', ') || 'no architecture';
  if (architectures.some((a) => a.endsWith('ForSequenceClassification'))) return 'cross-encoder';
  if (architectures.some((a) => a.startsWith('CostWise'))) {
    throw new RerankerError('MODEL_NOT_SUPPORTED', `config.json describes ${named}: FlagEmbedding's lightweight (CostWise) rerankers are not supported`);
  }
  if (architectures.some((a) => a.startsWith('LayerWise') && a.endsWith('ForCausalLM'))) return 'layerwise';
  if (architectures.some((a) => a.endsWith('ForCausalLM'))) return 'llm';
  throw new RerankerError(
    'MODEL_NOT_SUPPORTED',
    `config.json describes ${named}, which is not a reranker this library recognises; pass kind 'cross-encoder', 'llm' or 'layerwise' if you know which it is`,
  );
}
