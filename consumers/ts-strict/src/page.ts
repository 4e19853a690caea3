// The page side of a browser app: createReranker, rank, the cache helpers and the error type.
import { createReranker, evict, isCached, RerankerError, type CreateRerankerOptions, type RankResult, type RerankerEvent } from '@webrerank/core';

// exactOptionalPropertyTypes: an app forwards settings that may be undefined.
const dtype: CreateRerankerOptions['dtype'] = new URLSearchParams(location.search).get('q8') === null ? undefined : 'q8';
const options: CreateRerankerOptions = {
  model: 'BAAI/bge-reranker-base',
  dtype,
  threads: undefined,
  worker: () => new Worker(new URL('./reranker.worker.js', import.meta.url), { type: 'module' }),
  onEvent: (event: RerankerEvent) => console.log(event.type),
};

// @ts-expect-error `model` is required (also proves the types resolved: `any` would accept this)
void createReranker({ dtype: 'q8' });

export async function top(query: string, passages: string[]): Promise<string[]> {
  const reranker = await createReranker(options);
  try {
    const ranked: RankResult[] = await reranker.rank(query, passages, { topK: 3, returnDocuments: true, normalize: undefined });
    const score: number = await reranker.computeScore([query, passages[0] ?? '']);
    console.log(score, (await reranker.info()).device, await isCached({ model: options.model, host: undefined }));
    return ranked.map((r) => r.document ?? '');
  } catch (error) {
    if (error instanceof RerankerError && error.code === 'ABORTED') return [];
    throw error;
  } finally {
    await reranker.dispose();
    await evict({ model: options.model });
  }
}
