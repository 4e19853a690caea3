import type { ScoreOptions } from '../api.js';
import type { TextTokenizer } from '../tokenizer/text-tokenizer.js';
import type { PaddingSide } from './llm-batch.js';
import type { OrtModule } from './ort.js';

/** What both LLM engines (DecoderReranker, LayerwiseReranker) take from the loaded model folder. */
export interface LlmModelParts {
  ort: OrtModule;
  tokenizer: TextTokenizer;
  /**
   * The tokenizer's pad id (else config.json's): it fills padding and decides gemma's bos rule
   * (bos only when it differs from pad). Undefined pads with 0, which the mask hides anyway.
   */
  padTokenId: number | undefined;
  bosTokenId: number | undefined;
  /** tokenizer_config.json's `padding_side` (BAAI's LLM rerankers: left). */
  paddingSide: PaddingSide;
  /** Longest padded sequence the model's position table allows (max_position_embeddings), if known. */
  maxSequenceLength: number | undefined;
  /** Defaults for every call, like FlagEmbedding's constructor arguments. */
  defaults?: ScoreOptions | undefined;
}

/**
 * The smallest `maxLength` an LLM reranker takes: 2, so the default query budget
 * (`floor(maxLength * 3 / 4)`) keeps at least one token.
 */
export const LLM_MIN_MAX_LENGTH = 2;
