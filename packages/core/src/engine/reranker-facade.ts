import type { CallOptions, LayerListOptions, Pair, RankCallOptions, RankDocument, RankResult, Reranker, ScoreOptions, ScoringProgress } from '../api.js';
import { RerankerError } from '../errors.js';
import { raceAbort, throwIfAborted } from '../shared/abort.js';
import { scoreOptionsOf, splitCall } from './call-options.js';
import { readPairsInput } from './pairs.js';
import { planChunks, type ChunkPlan } from './chunking.js';
import { checkRankLimits, DocumentScores, rankPairs, type CheckedRankLimits } from './rank.js';
import { checkCascade } from './cascade-merge.js';
import { cascadeRank, cascadeRankStream, type CascadeStage } from './cascade-rank.js';
import type { EngineScores, PairScorer, ScoreControl } from './scorer.js';
import { streamBatches } from '../shared/stream-batches.js';

/** One rank call with everything checked: what to score, with what, and how to order. */
interface PreparedRank<D extends RankDocument> {
  /** The pairs to score: one per document, or one per chunk (`plan`). */
  pairs: Pair[];
  plan: ChunkPlan | undefined;
  documents: readonly D[];
  limits: CheckedRankLimits;
  scoreOptions: ScoreOptions | undefined;
  signal: AbortSignal | undefined;
  onProgress: ((progress: ScoringProgress) => void) | undefined;
}

/**
 * The reranker API written once on top of the engine contract (PairScorer): input and option
 * checks, abort, progress, the shape of `computeScore`'s result (a number for one pair, one list
 * per layer for several layers), and `rank` / `rankStream`. Every engine extends it; the worker
 * serves the same object, so Node, the worker and the page behave alike.
 */
export abstract class RerankerFacade implements Reranker, PairScorer {
  abstract scoreLists(options: ScoreOptions | undefined): number;
  abstract scoreLayers(pairs: readonly Pair[], options: ScoreOptions | undefined, control?: ScoreControl): Promise<EngineScores>;
  abstract dispose(): Promise<void>;
  /** The model input ids of each pair, unpadded (the engine's own pair building). */
  abstract encodePairs(pairs: readonly Pair[], options?: ScoreOptions): number[][];
  /** How many tokens the tokenizer makes of `text` (no special tokens). */
  abstract countTokens(text: string): number;

  computeScore(pair: Pair, options: CallOptions & LayerListOptions): Promise<number | number[]>;
  computeScore(pairs: readonly Pair[], options: CallOptions & LayerListOptions): Promise<number[] | number[][]>;
  computeScore(pair: Pair, options?: CallOptions): Promise<number>;
  computeScore(pairs: readonly Pair[], options?: CallOptions): Promise<number[]>;
  async computeScore(input: Pair | readonly Pair[], options?: CallOptions): Promise<number | number[] | number[][]> {
    const { signal, onProgress, rest } = splitCall(options);
    throwIfAborted(signal, 'the call');
    const { pairs, single } = readPairsInput(input);
    const { scores } = await raceAbort(this.scoreLayers(pairs, rest, control(signal, onProgress)), signal, 'the call');
    return shapeScores(scores, single);
  }

  async rank<D extends RankDocument>(query: string, documents: readonly D[], options?: RankCallOptions): Promise<RankResult<D>[]> {
    const cascade = this.cascadeStages(options);
    if (cascade) return cascadeRank(cascade.first, cascade.second, cascade.topN, query, documents, options);
    const call = this.prepareRank(query, documents, options);
    const { scores } = await raceAbort(this.scoreLayers(call.pairs, call.scoreOptions, control(call.signal, call.onProgress)), call.signal, 'the call');
    const byDocument = new DocumentScores(documents.length, call.plan);
    (scores[0] ?? []).forEach((score, pair) => byDocument.add(pair, score));
    return byDocument.rank(documents, call.limits);
  }

  async *rankStream<D extends RankDocument>(query: string, documents: readonly D[], options?: RankCallOptions): AsyncGenerator<RankResult<D>[], void, undefined> {
    // Checked at the first next(), before anything is scored: the same moment as behind a worker.
    const cascade = this.cascadeStages(options);
    if (cascade) {
      yield* cascadeRankStream(cascade.first, cascade.second, cascade.topN, query, documents, options);
      return;
    }
    const call = this.prepareRank(query, documents, options);
    const byDocument = new DocumentScores(documents.length, call.plan);
    yield* streamBatches(call.signal, (sink, isCancelled) => this.scoreLayers(call.pairs, call.scoreOptions, {
      isCancelled,
      onBatch: (batch) => {
        batch.indices.forEach((index, row) => byDocument.add(index, batch.scores[0]?.[row] ?? Number.NaN));
        call.onProgress?.({ done: batch.done, total: batch.total });
        sink(byDocument.rank(documents, call.limits));
      },
    }), () => byDocument.rank(documents, call.limits));
  }

  // A `cascade` option: two stages on this one engine, the first at the cheap cutoff layer, the
  // second at the call's own layer (see engine/cascade-rank.ts).
  private cascadeStages(options: RankCallOptions | undefined): { first: CascadeStage; second: CascadeStage; topN: number } | undefined {
    if (typeof options !== 'object' || options === null) return undefined;
    const cascade = checkCascade(options.cascade);
    if (!cascade) return undefined;
    return { topN: cascade.topN, first: { ranker: this, options: { cutoffLayers: cascade.cutoffLayers } }, second: { ranker: this, options: {} } };
  }

  // Every check of a rank call, before anything is scored.
  private prepareRank<D extends RankDocument>(query: string, documents: readonly D[], options: RankCallOptions | undefined): PreparedRank<D> {
    const { signal, onProgress, rest } = splitCall(options);
    throwIfAborted(signal, 'the call');
    if (rest !== undefined && (typeof rest !== 'object' || rest === null || Array.isArray(rest))) {
      throw new RerankerError('INVALID_OPTION', 'rank options must be an object');
    }
    const limits = checkRankLimits(rest);
    const documentPairs = rankPairs(query, documents, limits.rankFields);
    const scoreOptions = scoreOptionsOf(rest);
    // Several cutoff layers give one list per layer: there is no single order.
    if (this.scoreLists(scoreOptions) > 1) throw new RerankerError('INVALID_OPTION', 'rank orders by one score: pass one cutoff layer');
    const plan = limits.chunking && planChunks(documentPairs, limits.chunking, {
      fits: (pair) => this.fitsWhole(pair, scoreOptions),
      countTokens: (text) => this.countTokens(text),
    });
    return { pairs: plan ? plan.pairs : documentPairs, plan, documents, limits, scoreOptions, signal, onProgress };
  }

  // Whether a pair is scored whole: no token cut, within the model's positions.
  private fitsWhole(pair: Pair, options: ScoreOptions | undefined): boolean {
    try {
      this.encodePairs([pair], { ...options, truncate: 'error' });
      return true;
    } catch (error) {
      if (error instanceof RerankerError && (error.code === 'INVALID_INPUT' || error.code === 'INPUT_TOO_LONG')) return false;
      throw error;
    }
  }
}

function control(signal: AbortSignal | undefined, onProgress: ((progress: ScoringProgress) => void) | undefined): ScoreControl {
  return {
    isCancelled: () => signal?.aborted === true,
    onBatch: onProgress && ((batch) => onProgress({ done: batch.done, total: batch.total })),
  };
}

/**
 * FlagEmbedding's result shape: one list gives a list (a number for one pair); several layers
 * give one list per layer, ascending (one number per layer for one pair). The only place that
 * shapes scores: Node, the worker and the page all get theirs from here.
 */
export function shapeScores(lists: readonly Float64Array[], single: boolean): number | number[] | number[][] {
  const perList = lists.map((list) => Array.from(list));
  if (perList.length === 1) return single ? (perList[0]?.[0] as number) : (perList[0] as number[]);
  return single ? perList.map((list) => list[0] as number) : perList;
}
