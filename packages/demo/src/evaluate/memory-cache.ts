// Scores already computed by the loaded reranker, kept in memory for as long as it stays loaded
// (the same model, host, device and weights: the page drops it with the reranker). A run after
// Cancel, or with another depth, asks the model only for the pairs it has not scored yet. The
// maps hold references to the query and passage strings the evaluation holds anyway.
import type { ScoreCache } from '@webrerank/core';

export class MemoryScoreCache implements ScoreCache {
  private readonly byQuery = new Map<string, Map<string, number>>();

  get(query: string, passages: readonly string[]): Promise<readonly (number | undefined)[]> {
    const known = this.byQuery.get(query);
    return Promise.resolve(passages.map((passage) => known?.get(passage)));
  }

  set(query: string, passages: readonly string[], scores: readonly number[]): Promise<void> {
    let known = this.byQuery.get(query);
    if (!known) this.byQuery.set(query, (known = new Map()));
    passages.forEach((passage, i) => known.set(passage, scores[i] as number));
    return Promise.resolve();
  }
}
