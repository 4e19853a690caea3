import { assertCallAlive } from './call-guard.js';
import type { Pair, ScoreOptions } from '../api.js';
import { RerankerError } from '../errors.js';
import type { ScoreOutput } from './llm-batch.js';
import { bosIds } from './llm-inputs.js';
import { LLM_MIN_MAX_LENGTH, type LlmModelParts } from './llm-parts.js';
import { batchReporter, normalized, runLlmSequences } from './llm-run.js';
import { buildLlmSequences } from './llm-sequences.js';
import type { OrtSession } from './ort.js';
import { resolveOptions, type ResolvedOptions } from './resolve-options.js';
import { readPairsInput } from './pairs.js';
import { RerankerFacade } from './reranker-facade.js';
import { RunQueue } from './run-queue.js';
import type { EngineScores, ScoreControl } from './scorer.js';

/** A decoder LLM reranker's session and the output it scores from. */
export interface DecoderParts extends LlmModelParts {
  session: OrtSession;
  /** `yes_logits`, or column `yes_loc` of `logits` (see decoderScoreOutput). */
  output: ScoreOutput;
}

/**
 * Picks the output to score from: a compact `yes_logits` `[batch, seq]` (an export that gathers
 * the "Yes" column inside the graph, so the `[batch, seq, vocab]` logits never leave it) when
 * the graph has one, else column `yesTokenId` of `logits` `[batch, seq, vocab]`.
 *
 * @example
 * decoderScoreOutput(['logits'], 1603); // { name: 'logits', column: 1603 }
 */
export function decoderScoreOutput(outputNames: readonly string[], yesTokenId: number): ScoreOutput {
  if (outputNames.includes('yes_logits')) return { name: 'yes_logits' };
  if (outputNames.includes('logits')) return { name: 'logits', column: yesTokenId };
  throw new RerankerError('MODEL_NOT_SUPPORTED', `an LLM reranker graph needs a "logits" or "yes_logits" output; this one has ${outputNames.join(', ')}`);
}

/**
 * A decoder-only LLM reranker (bge-reranker-v2-gemma) scoring exactly like FlagEmbedding's
 * `FlagLLMReranker.compute_score`: `A: query`, `B: passage`, the Yes/No prompt, FlagEmbedding's
 * truncation, batches padded to a multiple of 8 on the tokenizer's side; the score is the logit
 * of "Yes" at the last real token (sigmoid with `normalize`).
 *
 * @example
 * const reranker = await loadModel(ort, httpSource(url)); // config.json says GemmaForCausalLM
 * const scores = await reranker.computeScore([['what is panda?', 'The giant panda is a bear.']], { prompt: 'Relevant? Yes or No.' });
 */
export class DecoderReranker extends RerankerFacade {
  readonly kind = 'llm' as const;
  private readonly queue = new RunQueue();
  private readonly bos: number[];
  private disposed = false;

  private readonly parts: DecoderParts;

  constructor(parts: DecoderParts) {
    super();
    this.parts = parts;
    this.bos = bosIds('llm', parts.bosTokenId, parts.padTokenId);
  }

  scoreLists(options: ScoreOptions | undefined): number {
    this.checkAlive();
    this.resolve(options);
    return 1;
  }

  /**
   * The engine contract (PairScorer), like CrossEncoder.scoreLayers: one list of scores.
   * `control.isCancelled` is asked between batches: a true answer stops the call with `ABORTED`.
   */
  async scoreLayers(pairs: readonly Pair[], options?: ScoreOptions, control?: ScoreControl): Promise<EngineScores> {
    this.checkAlive();
    const opts = this.resolve(options);
    const sequences = this.buildSequences(pairs, opts);
    const { ort, session, padTokenId, paddingSide, output } = this.parts;
    const [logits] = await this.queue.enqueue(() => runLlmSequences(sequences, {
      ort, session, outputs: [output], padId: padTokenId ?? 0, paddingSide,
      batchSize: opts.batchSize, maxBatchTokens: opts.maxBatchTokens,
      beforeBatch: () => this.checkAlive(control?.isCancelled),
      afterBatch: batchReporter(control, sequences.length, opts.normalize),
    }));
    return { scores: [Float64Array.from(logits ?? [], (x) => normalized(x, opts.normalize))] };
  }

  countTokens(text: string): number {
    return this.parts.tokenizer.encode(text).length;
  }

  /** The model input ids of each pair, unpadded, exactly as FlagLLMReranker feeds them. */
  encodePairs(pairs: readonly Pair[], options?: ScoreOptions): number[][] {
    this.checkAlive();
    return this.buildSequences(readPairsInput(pairs).pairs, this.resolve(options));
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    await this.queue.enqueue(() => this.parts.session.release());
  }

  private resolve(options: ScoreOptions | undefined): ResolvedOptions {
    return resolveOptions(this.parts.defaults, options, LLM_MIN_MAX_LENGTH, 'llm');
  }

  private buildSequences(pairs: readonly Pair[], opts: ResolvedOptions): number[][] {
    return buildLlmSequences(this.parts.tokenizer, this.bos, pairs, opts, this.parts.maxSequenceLength);
  }

  private checkAlive(isCancelled?: () => boolean): void {
    assertCallAlive(this.disposed, isCancelled);
  }
}
