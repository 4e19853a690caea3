import type { RankCallOptions, RankDocument, RankResult, Reranker, ScoringProgress } from '../api.js';
import { RerankerError } from '../errors.js';
import { throwIfAborted } from '../shared/abort.js';
import { splitCall } from './call-options.js';
import { chosenForRescore, mergeCascade } from './cascade-merge.js';
import { checkRankLimits } from './rank.js';

/** What ranks in one stage of a cascade: any Reranker (in Node, or a page's handle on a worker). */
export type StageRanker = Pick<Reranker, 'rank' | 'rankStream'>;

/** One stage: the reranker, and the options it adds to the call's (the first stage's cutoff layer). */
export interface CascadeStage {
  ranker: StageRanker;
  options: RankCallOptions;
}

/** A cascade call with everything of the caller's checked or split off. */
interface PreparedCascade<D extends RankDocument> {
  documents: readonly D[];
  limits: { topK: number | undefined; returnDocuments: boolean };
  /** Options of each stage's own call: the caller's, less what the merge does (topK, documents). */
  firstOptions: RankCallOptions;
  secondOptions: RankCallOptions;
  topN: number;
}

/**
 * A two-stage rank built only on `rank` calls of the two stages, so it works the same on one
 * layerwise engine (two layers), on two engines in Node, and on two workers from the page:
 * the first stage ranks every document, the second ranks the first's best `topN` (in input
 * order), and mergeCascade puts the rescored ones first. Progress counts both stages' pairs:
 * `total` is stage one's plus min(topN, documents) until stage two starts (then its exact
 * count, which differs only with chunking).
 */
export async function cascadeRank<D extends RankDocument>(
  first: CascadeStage, second: CascadeStage, topN: number, query: string, documents: readonly D[], options: RankCallOptions | undefined,
): Promise<RankResult<D>[]> {
  const call = await prepareCascade(first, second, topN, query, documents, options);
  const firstRanking = await first.ranker.rank(query, documents, call.firstOptions);
  const chosen = chosenForRescore(firstRanking, topN);
  const finalRanking = chosen.length === 0 ? [] : await second.ranker.rank(query, chosen.map((i) => documents[i] as D), call.secondOptions);
  return mergeCascade(firstRanking, finalRanking.map((r) => ({ ...r, index: chosen[r.index] as number })), documents, call.limits);
}

/**
 * `cascadeRank`, streamed: stage one's partial rankings (every result `first`), then stage
 * two's merged over stage one's full ranking. The last one yielded equals what `cascadeRank`
 * returns.
 */
export async function* cascadeRankStream<D extends RankDocument>(
  first: CascadeStage, second: CascadeStage, topN: number, query: string, documents: readonly D[], options: RankCallOptions | undefined,
): AsyncGenerator<RankResult<D>[], void, undefined> {
  const call = await prepareCascade(first, second, topN, query, documents, options);
  let firstRanking: RankResult<D>[] = [];
  for await (const partial of first.ranker.rankStream(query, documents, call.firstOptions)) {
    firstRanking = partial;
    yield mergeCascade(partial, [], documents, call.limits);
  }
  const chosen = chosenForRescore(firstRanking, topN);
  if (chosen.length === 0) return;
  for await (const partial of second.ranker.rankStream(query, chosen.map((i) => documents[i] as D), call.secondOptions)) {
    yield mergeCascade(firstRanking, partial.map((r) => ({ ...r, index: chosen[r.index] as number })), documents, call.limits);
  }
}

// Every check before anything is scored: the caller's options here, the second stage's by a
// rank of no documents (it checks its options and runs nothing; behind a worker, too), the
// first stage's and the documents by its own rank call before it scores.
async function prepareCascade<D extends RankDocument>(
  first: CascadeStage, second: CascadeStage, topN: number, query: string, documents: readonly D[], options: RankCallOptions | undefined,
): Promise<PreparedCascade<D>> {
  const { signal, onProgress, rest } = splitCall(options);
  throwIfAborted(signal, 'the call');
  if (rest !== undefined && (typeof rest !== 'object' || rest === null || Array.isArray(rest))) {
    throw new RerankerError('INVALID_OPTION', 'rank options must be an object');
  }
  const limits = checkRankLimits(rest);
  const { cascade: _cascade, topK: _topK, returnDocuments: _returnDocuments, ...shared } = rest ?? {};
  let firstTotal = 0;
  const expectedSecond = Math.min(topN, Array.isArray(documents) ? documents.length : 0);
  const firstProgress = onProgress && ((p: ScoringProgress): void => {
    firstTotal = p.total;
    onProgress({ done: p.done, total: p.total + expectedSecond });
  });
  const secondProgress = onProgress && ((p: ScoringProgress): void => onProgress({ done: firstTotal + p.done, total: firstTotal + p.total }));
  await second.ranker.rank(query, [], { ...shared, ...second.options, ...steering(signal, undefined) });
  return {
    documents, limits, topN,
    firstOptions: { ...shared, ...first.options, ...steering(signal, firstProgress) },
    secondOptions: { ...shared, ...second.options, ...steering(signal, secondProgress) },
  };
}

// Only the keys that are set: behind a worker, a `signal` key (even undefined) would stop the
// worker from steering the call by its port (see worker/serve-call-port.ts).
function steering(signal: AbortSignal | undefined, onProgress: ((p: ScoringProgress) => void) | undefined): RankCallOptions {
  return { ...(signal ? { signal } : {}), ...(onProgress ? { onProgress } : {}) };
}
