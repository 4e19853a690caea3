import type { RankDocument, RankResult, ScoringProgress } from '../api.js';

/**
 * What crosses a call's own MessagePort. Each call behind the worker gets a fresh channel: the
 * page keeps one end and transfers the other with the call, because what steers a call (its
 * AbortSignal, its onProgress callback, a stream's partial rankings) cannot cross as plain data.
 */
export type PageToWorkerCallMessage = { type: 'abort' };

/** From the worker: a batch finished (`progress`), a best-so-far ranking (`partial`), the call is over (`end`, always last). */
export type WorkerToPageCallMessage =
  | ({ type: 'progress' } & ScoringProgress)
  | { type: 'partial'; ranking: RankResult<RankDocument>[] }
  | { type: 'end' };
