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
  /**
   * What happens to a pair longer than `maxLength` (or a query longer than `queryMaxLength`):
   * `flagembedding` (default) cuts it as FlagEmbedding does (the query to its budget, then the
   * end of the passage); `error` refuses the call with `INVALID_INPUT` naming the pair, so no
   * text is ever scored unseen.
   */
  truncate?: 'flagembedding' | 'error' | undefined;
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
  /** Told after each finished batch: pairs scored so far and the call's total (behind a worker too). */
  onProgress?: ((progress: ScoringProgress) => void) | undefined;
}

/** How far one scoring call is: `done` of `total` pairs scored (`done` only grows). */
export interface ScoringProgress {
  done: number;
  total: number;
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
   * Scores `query` against every document and returns them best first (ties keep input order).
   * A layerwise model ranks by one layer: a `cutoffLayers` list of several rejects with
   * `INVALID_OPTION`. Every option (`topK`, `returnDocuments`, `rankFields`, the scoring options)
   * is checked before anything is scored.
   *
   * @example
   * await reranker.rank('what is panda?', [{ title: 'Panda', text: 'The giant panda is a bear.' }], { rankFields: ['title', 'text'], topK: 3 });
   */
  rank<D extends RankDocument>(query: string, documents: readonly D[], options?: RankCallOptions): Promise<RankResult<D>[]>;
  /**
   * `rank`, streamed: after each finished batch, the best-so-far ranking of the documents scored
   * until then (`topK` of them). The last one yielded equals what `rank` returns. An abort ends
   * the iteration with `ABORTED`; what was yielded before stays valid.
   *
   * @example
   * for await (const partial of reranker.rankStream(query, docs, { topK: 10 })) render(partial);
   */
  rankStream<D extends RankDocument>(query: string, documents: readonly D[], options?: RankCallOptions): AsyncIterableIterator<RankResult<D>[]>;
  /** Releases the onnxruntime session. Later calls reject with `DISPOSED`. */
  dispose(): Promise<void>;
}

/**
 * A document `rank` takes: a passage, or an object whose `rankFields` make the passage
 * (Cohere's `rank_fields`): each field as a `field: value` line, in the order given, e.g.
 * `title: Panda\ntext: The giant panda is a bear.`. Without `rankFields`, an object's `text`
 * field is the passage as it is.
 */
export type RankDocument = string | Readonly<Record<string, unknown>>;

/** What `rank` keeps of its result, and how it reads documents. */
export interface RankLimits {
  /** Keep only the best `topK` results. Default: all. */
  topK?: number | undefined;
  /** Include each document (the string or object given) in its result. Default false. */
  returnDocuments?: boolean | undefined;
  /** Fields of object documents that make the passage, in order (see RankDocument). Default: the `text` field alone. */
  rankFields?: readonly string[] | undefined;
  /**
   * Long documents: split each passage into windows of whole words that fit beside the query
   * within `maxLength` (never cut), score every window, and rank the document by its best one.
   * Results then carry `chunk`, the winning window's character span. Default: no chunking
   * (FlagEmbedding's truncation).
   */
  chunking?: RankChunking | undefined;
  /**
   * Cascade reranking on a layerwise model: score every document cheaply at layer
   * `cascade.cutoffLayers` (early exit: only the layers up to it run), then rescore the best
   * `cascade.topN` of them at the call's own layer (default the last). Results scored by the
   * second stage come first, ordered by its score, with `stage: 'final'`; the others follow in
   * first-stage order with their first-stage score and `stage: 'first'`. `topK` applies to the
   * merged list. With `topN` at least the document count, every result is `final` and equals
   * a plain `rank`. For two models (a small cross-encoder first), see `cascade()`.
   *
   * @example
   * await layerwise.rank(query, docs, { cascade: { topN: 20, cutoffLayers: 8 }, topK: 10 });
   */
  cascade?: RankCascade | undefined;
}

/** The cheap first stage of a cascade `rank` on a layerwise model (see RankLimits.cascade). */
export interface RankCascade {
  /** How many of the first stage's best documents the second stage rescores (a positive integer). */
  topN: number;
  /** The one layer the first stage scores from, e.g. a low one; checked like `cutoffLayers`. */
  cutoffLayers: number;
}

/** How `rank` splits long documents (Cohere's `max_chunks_per_doc`, plus an overlap). */
export interface RankChunking {
  /** Most windows per document; the rest of a longer document is not scored. Default 10. */
  maxChunksPerDoc?: number | undefined;
  /** Tokens of whole words repeated at the start of the next window. Default 0. */
  overlapTokens?: number | undefined;
}

/** Options of one `rank` call: a call's, plus RankLimits. */
export type RankCallOptions = CallOptions & RankLimits;

/** One ranked document: its position in the input, its score, and the document if asked for. */
export interface RankResult<D extends RankDocument = string> {
  index: number;
  score: number;
  document?: D;
  /** With `chunking`: the best window's span in the passage (the string, or the joined rankFields text). */
  chunk?: { start: number; end: number };
  /**
   * Cascades only: `final` when the expensive second stage scored the document (`score` is its
   * score), `first` when only the cheap first stage did (`score` is the first stage's, not
   * comparable with final scores: such results always rank below every `final` one).
   */
  stage?: 'first' | 'final';
}
