import { nextTurn } from '../shared/next-turn.js';
import { assertCallAlive } from './call-guard.js';
import type { Pair, ScoreOptions } from '../api.js';
import { RerankerError } from '../errors.js';
import type { TextTokenizer } from '../tokenizer/text-tokenizer.js';
import { planBatches } from './batching.js';
import { instructedPair } from './instructions.js';
import type { OrtModule, OrtSession } from './ort.js';
import { readPairsInput } from './pairs.js';
import { RerankerFacade } from './reranker-facade.js';
import { resolveOptions, type ResolvedOptions } from './resolve-options.js';
import { RunQueue } from './run-queue.js';
import { runCrossEncoderBatch } from './run-batch.js';
import type { EngineScores, ScoreControl } from './scorer.js';
import { sigmoid } from './scores.js';
import { cachedHeadEncoder } from './token-cache.js';
import { buildPairIds, refuseTruncation, specialTokenCount } from './truncation.js';

// Every run is padded to a multiple of 8 tokens. onnxruntime-web's WASM kernels work on 4
// floats at a time and treat the last length % 4 of a row (over the keys of attention)
// apart: a real token there is summed in another order than when the same row is padded
// further, so one pair scored up to 3.7e-7 (fp32, tiny model) apart alone and in a batch.
// With every padded length a multiple of 4, padding only appends exact zeros after the real
// tokens' blocks: fp32 scores became bit-identical alone and in any batch (measured on 60
// random pairs of 4-300 tokens, multiples 4, 8 and 16), which the q8 per-token rewrite needs
// (a float 1 ulp off can move a value to the next quantization step). 8 also covers 8-wide
// native kernels; it costs at most 7 pad tokens per batch.
const PAD_MULTIPLE = 8;

/** Everything a cross-encoder engine runs on, already loaded. */
export interface CrossEncoderParts {
  ort: OrtModule;
  session: OrtSession;
  tokenizer: TextTokenizer;
  padTokenId: number;
  /** Longest sequence the model can take, if known (XLM-R: 512). */
  maxSequenceLength: number | undefined;
  /** Defaults for every call, like FlagReranker's constructor arguments. */
  defaults?: ScoreOptions | undefined;
}

/**
 * A cross-encoder reranker (bge-reranker-base / -large / -v2-m3) scoring exactly like
 * FlagEmbedding's `FlagReranker.compute_score`: same pair ids, same truncation, raw logits or
 * sigmoid. It runs on whatever onnxruntime session it is given (web or node).
 */
export class CrossEncoder extends RerankerFacade {
  readonly kind = 'cross-encoder' as const;
  private readonly queue = new RunQueue();
  private disposed = false;

  private readonly parts: CrossEncoderParts;

  constructor(parts: CrossEncoderParts) {
    super();
    this.parts = parts;
  }

  scoreLists(options: ScoreOptions | undefined): number {
    assertCallAlive(this.disposed);
    this.resolve(options);
    return 1;
  }

  /**
   * The engine contract (PairScorer): checked pairs in, one list of scores out (a typed array,
   * cheap to transfer). `control.isCancelled` is asked between batches: a true answer stops the
   * call with `ABORTED`; `control.onBatch` hears each finished batch.
   */
  async scoreLayers(pairs: readonly Pair[], options?: ScoreOptions, control?: ScoreControl): Promise<EngineScores> {
    assertCallAlive(this.disposed);
    const opts = this.resolve(options);
    const sequences = this.buildSequences(pairs, opts);
    return { scores: [await this.queue.enqueue(() => this.runAll(sequences, opts, control))] };
  }

  countTokens(text: string): number {
    return this.parts.tokenizer.encode(text).length;
  }

  /**
   * The model input ids of each pair, unpadded, exactly as FlagReranker feeds them to the model
   * (for tests and tools that compare against FlagEmbedding).
   */
  encodePairs(pairs: readonly Pair[], options?: ScoreOptions): number[][] {
    assertCallAlive(this.disposed);
    return this.buildSequences(readPairsInput(pairs).pairs, this.resolve(options));
  }

  private resolve(options: ScoreOptions | undefined): ResolvedOptions {
    // The smallest budget that leaves room for one real token next to the special tokens.
    return resolveOptions(this.parts.defaults, options, specialTokenCount(this.parts.tokenizer.pairTemplate) + 1);
  }

  private buildSequences(pairs: readonly Pair[], opts: ResolvedOptions): number[][] {
    const { tokenizer, maxSequenceLength } = this.parts;
    // Only the first maxLength ids of a passage (queryMaxLength of a query) can reach the model.
    const budget = Math.max(opts.maxLength, opts.queryMaxLength);
    const encode = cachedHeadEncoder(tokenizer, budget);
    return pairs.map(([query, passage], i) => {
      const [q, p] = instructedPair(query, passage, opts);
      const [queryIds, passageIds] = [encode(q), encode(p)];
      const ids = buildPairIds(queryIds, passageIds, tokenizer.pairTemplate, opts.maxLength, opts.queryMaxLength);
      const atLeast = queryIds.length > budget || passageIds.length > budget;
      refuseTruncation(opts.truncate, i, ids.length, specialTokenCount(tokenizer.pairTemplate) + queryIds.length + passageIds.length, opts.maxLength, opts.queryMaxLength, atLeast);
      if (maxSequenceLength !== undefined && ids.length > maxSequenceLength) {
        throw new RerankerError(
          'INPUT_TOO_LONG',
          `pair ${i} is ${ids.length} tokens after truncation, more than this model's ${maxSequenceLength} positions; lower maxLength or queryMaxLength`,
        );
      }
      return ids;
    });
  }

  private async runAll(sequences: number[][], opts: ResolvedOptions, control: ScoreControl | undefined): Promise<Float64Array> {
    const { ort, session, padTokenId } = this.parts;
    const scores = new Float64Array(sequences.length);
    const batches = planBatches(sequences.map((s) => s.length), opts.batchSize, opts.maxBatchTokens, PAD_MULTIPLE);
    let done = 0;
    for (const batch of batches) {
      // A macrotask between batches, so an abort (timer, signal handler, worker message) can land.
      await nextTurn();
      assertCallAlive(this.disposed, control?.isCancelled);
      const rows = batch.indices.map((i) => sequences[i] ?? []);
      // Never past the model's positions (graphs that number pad positions too would fail).
      const paddedLength = Math.min(batch.paddedLength, this.parts.maxSequenceLength ?? Infinity);
      const logits = await runCrossEncoderBatch(ort, session, rows, paddedLength, padTokenId);
      // Sigmoid in double precision on the float32 logit, as FlagEmbedding does.
      const batchScores = Float64Array.from(batch.indices, (_, row) => {
        const x = logits[row] ?? Number.NaN;
        return opts.normalize ? sigmoid(x) : x;
      });
      batch.indices.forEach((index, row) => (scores[index] = batchScores[row] as number));
      done += batch.indices.length;
      control?.onBatch?.({ indices: batch.indices, scores: [batchScores], done, total: sequences.length });
    }
    return scores;
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    // Let a run in flight finish before the session goes away.
    await this.queue.enqueue(() => this.parts.session.release());
  }
}
