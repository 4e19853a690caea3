/** A (query, passage) pair, as FlagEmbedding's `compute_score` takes it. */
export type Pair = readonly [query: string, passage: string];

/**
 * Options of one `computeScore` call. Each one overrides the default given when the reranker was
 * created, which itself defaults to FlagReranker's.
 */
export interface ScoreOptions {
  /** Map each logit to [0, 1] with a sigmoid. Default `false` (raw logits, like FlagEmbedding). */
  normalize?: boolean;
  /** Most pairs in one onnxruntime run. Default 128 (FlagReranker's). */
  batchSize?: number;
  /**
   * Most padded tokens (pairs × longest pair) in one run, so a batch of long passages stays
   * bounded in memory whatever `batchSize` says. Default 8192. A pair longer than the budget
   * still runs, alone.
   */
  maxBatchTokens?: number;
  /** Token budget of a pair, special tokens included. Default 512. */
  maxLength?: number;
  /** Token budget of the query alone. Default `floor(maxLength * 3 / 4)`. */
  queryMaxLength?: number;
  /** FlagReranker's `query_instruction_for_rerank`: text put before each query. */
  queryInstruction?: string;
  /** FlagReranker's `query_instruction_format`, a Python format string. Default `"{}{}"`. */
  queryInstructionFormat?: string;
  /** FlagReranker's `passage_instruction_for_rerank`. */
  passageInstruction?: string;
  /** FlagReranker's `passage_instruction_format`. Default `"{}{}"`. */
  passageInstructionFormat?: string;
}

/**
 * The reranker API, the same in Node, in a page and behind a worker.
 *
 * One pair gives one number; a list gives a list in input order. (FlagEmbedding 1.4 returns a
 * list of one for a single pair; we return the bare number, as the project's seed document does.)
 *
 * @example
 * const score = await reranker.computeScore(['what is panda?', 'The giant panda is a bear.']);
 * const scores = await reranker.computeScore([['q', 'p1'], ['q', 'p2']], { normalize: true });
 */
export interface Reranker {
  computeScore(pair: Pair, options?: ScoreOptions): Promise<number>;
  computeScore(pairs: readonly Pair[], options?: ScoreOptions): Promise<number[]>;
  /** Releases the onnxruntime session. Later calls reject with `DISPOSED`. */
  dispose(): Promise<void>;
}
