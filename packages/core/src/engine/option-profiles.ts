import type { RerankerKind } from '../api.js';

/** FlagLLMReranker's default prompt (FlagEmbedding 1.4), used when a call gives none. */
export const DEFAULT_LLM_PROMPT =
  "Given a query A and a passage B, determine whether the passage contains an answer to the query by providing a prediction of either 'Yes' or 'No'.";

/** What differs between the FlagEmbedding classes when options are resolved. */
export interface OptionProfile {
  /** How the kind is named in error messages, with its article. */
  name: string;
  /** Options only some kinds take, that this kind takes. */
  options: readonly ('prompt' | 'cutoffLayers')[];
  /** The class's `query_instruction_for_rerank` default. */
  queryInstruction: string | undefined;
  /** The class's `passage_instruction_for_rerank` default. */
  passageInstruction: string | undefined;
  /** The class's `prompt` default; undefined where the kind has no prompt. */
  prompt: string | undefined;
}

/**
 * Defaults per model kind, as FlagEmbedding's constructors set them: FlagReranker has no
 * instructions; FlagLLMReranker and LayerWiseFlagLLMReranker default to `"A: "` + query and
 * `"B: "` + passage (format `"{}{}"`) and the Yes/No prompt. An empty string (`queryInstruction: ''`)
 * gives the bare text, like passing None to FlagEmbedding.
 */
export const OPTION_PROFILES: Record<RerankerKind, OptionProfile> = {
  'cross-encoder': { name: 'a cross-encoder', options: [], queryInstruction: undefined, passageInstruction: undefined, prompt: undefined },
  llm: { name: 'an LLM reranker', options: ['prompt'], queryInstruction: 'A: ', passageInstruction: 'B: ', prompt: DEFAULT_LLM_PROMPT },
  layerwise: {
    name: 'a layerwise LLM reranker', options: ['prompt', 'cutoffLayers'], queryInstruction: 'A: ', passageInstruction: 'B: ', prompt: DEFAULT_LLM_PROMPT,
  },
};
