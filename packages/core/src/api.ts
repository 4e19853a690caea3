/** A (query, passage) pair, as FlagEmbedding's `compute_score` takes it. */
export type Pair = readonly [query: string, passage: string];

/**
 * Options of one `computeScore` call. Each one overrides the default given when the reranker was
 * created, which itself defaults to FlagReranker's.
 */
export interface ScoreOptions {
  /** Map each logit to [0, 1] with a sigmoid. Default `false` (raw logits, like FlagEmbedding). */
  normalize?: boolean | undefined;
  /** Most pairs in one onnxruntime run. Default 128 (FlagReranker's). */
  batchSize?: number | undefined;
  /**
   * Most padded tokens (pairs × longest pair) in one run, so a batch of long passages stays
   * bounded in memory whatever `batchSize` says. Default 2048 (8192 on WebGPU). A pair longer than the budget
   * still runs, alone.
   */
  maxBatchTokens?: number | undefined;
  /** Token budget of a pair, special tokens included. Default 512. */
  maxLength?: number | undefined;
  /** Token budget of the query alone. Default `floor(maxLength * 3 / 4)`. */
  queryMaxLength?: number | undefined;
  /** FlagReranker's `query_instruction_for_rerank`: text put before each query. */
  queryInstruction?: string | undefined;
  /** FlagReranker's `query_instruction_format`, a Python format string. Default `"{}{}"`. */
  queryInstructionFormat?: string | undefined;
  /** FlagReranker's `passage_instruction_for_rerank`. */
  passageInstruction?: string | undefined;
  /** FlagReranker's `passage_instruction_format`. Default `"{}{}"`. */
  passageInstructionFormat?: string | undefined;
  /**
   * LLM rerankers only (`llm`, `layerwise`): the question appended after the pair, FlagLLMReranker's
   * `prompt`. Default: FlagEmbedding's "Given a query A and a passage B, determine whether the
   * passage contains an answer to the query by providing a prediction of either 'Yes' or 'No'."
   */
  prompt?: string | undefined;
  /**
   * Layerwise rerankers only: which layers score, LayerWiseFlagLLMReranker's `cutoff_layers`.
   * Default: the last layer. Layers outside `[start_layer, num_hidden_layers]` are dropped with a
   * warning (`onWarning`), duplicates collapse; several layers give one score list per layer, in
   * ascending layer order.
   */
  cutoffLayers?: number | readonly number[] | undefined;
}

/**
 * Options of one call: the scoring options plus an AbortSignal. The same on every reranker: in
 * Node, in a page and behind a worker.
 *
 * @example
 * const controller = new AbortController();
 * const scores = reranker.computeScore(pairs, { normalize: true, signal: controller.signal });
 * controller.abort(); // scores rejects with RerankerError ABORTED
 */
export interface CallOptions extends ScoreOptions {
  /** Stops the call at the next batch boundary; the promise rejects with `ABORTED` at once. */
  signal?: AbortSignal | undefined;
}

/** Options whose `cutoffLayers` is a list: the result may carry one score list per layer. */
export type LayerListOptions = ScoreOptions & { cutoffLayers: readonly number[] };

/**
 * Which FlagEmbedding reranker a model folder holds: `cross-encoder` (FlagReranker, a
 * `*ForSequenceClassification`), `llm` (FlagLLMReranker, a decoder scoring the logit of "Yes",
 * e.g. bge-reranker-v2-gemma) or `layerwise` (LayerWiseFlagLLMReranker, one score head per layer,
 * bge-reranker-v2-minicpm-layerwise).
 */
export type RerankerKind = 'cross-encoder' | 'llm' | 'layerwise';

/**
 * Something the engine did differently from what was asked, without failing the call:
 * `CUTOFF_LAYERS_DROPPED`, cutoff layers outside the model's range were ignored (FlagEmbedding
 * logs the same warning); `THREADS_CAPPED`, more threads were asked for than the machine has
 * cores, and the core count was used.
 *
 * @example
 * await loadReranker(folder, { onWarning: (w) => console.warn(w.code, w.message) });
 */
export interface EngineWarning {
  code: 'CUTOFF_LAYERS_DROPPED' | 'THREADS_CAPPED';
  message: string;
}

/**
 * The reranker API, the same in Node, in a page and behind a worker, for every model kind.
 *
 * One pair gives one number; a list gives a list in input order. (FlagEmbedding 1.4 returns a
 * list of one for a single pair; we return the bare number, as the project's seed document does.)
 *
 * A layerwise model asked for several `cutoffLayers` adds a layer dimension in front, as
 * FlagEmbedding does: a list of pairs gives `number[][]` (one list per layer, ascending), one
 * pair gives `number[]` (one score per layer). The first two overloads type that case when the
 * call passes a list; a list of several layers put in the load-time `defaults` is not visible to
 * the types, so pass such lists per call.
 *
 * @example
 * const score = await reranker.computeScore(['what is panda?', 'The giant panda is a bear.']);
 * const scores = await reranker.computeScore([['q', 'p1'], ['q', 'p2']], { normalize: true });
 * const perLayer = await layerwise.computeScore([['q', 'p1'], ['q', 'p2']], { cutoffLayers: [28, 40] }); // number[][]
 */
export interface Reranker {
  computeScore(pair: Pair, options: CallOptions & LayerListOptions): Promise<number | number[]>;
  computeScore(pairs: readonly Pair[], options: CallOptions & LayerListOptions): Promise<number[] | number[][]>;
  computeScore(pair: Pair, options?: CallOptions): Promise<number>;
  computeScore(pairs: readonly Pair[], options?: CallOptions): Promise<number[]>;
  /**
   * Scores `query` against every passage and returns them best first (ties keep input order).
   * A layerwise model ranks by one layer: a `cutoffLayers` list of several rejects with `INVALID_OPTION`.
   */
  rank(query: string, passages: readonly string[], options?: CallOptions & RankLimits): Promise<RankResult[]>;
  /** Releases the onnxruntime session. Later calls reject with `DISPOSED`. */
  dispose(): Promise<void>;
}

/** What `rank` keeps of its result. */
export interface RankLimits {
  /** Keep only the best `topK` results. Default: all. */
  topK?: number | undefined;
  /** Include each passage's text in its result. Default false. */
  returnDocuments?: boolean | undefined;
}

/** One ranked passage: its position in the input, its score, and its text if asked for. */
export interface RankResult {
  index: number;
  score: number;
  document?: string;
}
