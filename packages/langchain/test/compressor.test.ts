import { Document } from '@langchain/core/documents';
import { BaseRetriever } from '@langchain/core/retrievers';
import { ContextualCompressionRetriever } from '@langchain/classic/retrievers/contextual_compression';
import { RerankerError } from '@webrerank/core';
import { loadReranker, type LoadedReranker } from '@webrerank/core/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebrerankCompressor } from '../src/index.js';
import { xlmrTinySample } from '@webrerank/testkit';

const { FP32_TOLERANCE, PASSAGES, QUERY, XLMR_TINY, flagEmbeddingScores } = xlmrTinySample;

// The real @langchain/core and @langchain/classic from the registry and a real onnxruntime
// session on the xlmr-tiny reference model: nothing here is mocked.
let reranker: LoadedReranker;
beforeAll(async () => {
  reranker = await loadReranker(XLMR_TINY, { backend: 'wasm', dtype: 'fp32' });
});
afterAll(async () => {
  await reranker.dispose();
});

const documents = () => PASSAGES.map((text, i) => new Document({ pageContent: text, metadata: { source: `doc-${i}`, page: i }, id: `id-${i}` }));

/** A real LangChain retriever that returns its documents for every query (the stage before the reranker). */
class ListRetriever extends BaseRetriever {
  lc_namespace = ['webrerank', 'test'];
  readonly list: Document[];
  constructor(list: Document[]) {
    super();
    this.list = list;
  }
  override async _getRelevantDocuments(): Promise<Document[]> {
    return this.list;
  }
}

describe('WebrerankCompressor', () => {
  it('ranks as webrerank rank does, with FlagEmbedding scores under metadata.relevanceScore', async () => {
    const input = documents();
    const before = structuredClone(input.map((d) => ({ ...d })));
    const compressed = await new WebrerankCompressor({ reranker }).compressDocuments(input, QUERY);
    const ranked = await reranker.rank(QUERY, PASSAGES);

    expect(compressed.map((d) => d.pageContent)).toEqual(ranked.map((r) => PASSAGES[r.index]));
    expect(compressed.map((d) => d.metadata.relevanceScore)).toEqual(ranked.map((r) => r.score));
    // Every input document's metadata and id are kept, next to the score.
    expect(compressed.map((d) => ({ ...d.metadata, relevanceScore: undefined }))).toEqual(ranked.map((r) => ({ source: `doc-${r.index}`, page: r.index, relevanceScore: undefined })));
    expect(compressed.map((d) => d.id)).toEqual(ranked.map((r) => `id-${r.index}`));
    expect(compressed.every((d) => d instanceof Document)).toBe(true);
    // The caller's documents are not mutated.
    expect(input.map((d) => ({ ...d }))).toEqual(before);

    const flag = flagEmbeddingScores('default');
    for (const r of ranked) expect(Math.abs(r.score - flag[r.index]!)).toBeLessThan(FP32_TOLERANCE);
    // Passages 1 and 3 are the same text: a tie keeps input order.
    expect(ranked.findIndex((r) => r.index === 1)).toBeLessThan(ranked.findIndex((r) => r.index === 3));
  });

  it('keeps the best topK, normalized, under the metadata key asked for', async () => {
    const compressor = new WebrerankCompressor({ reranker, topK: 2, normalize: true, scoreKey: 'rerank' });
    const compressed = await compressor.compressDocuments(documents(), QUERY);
    const ranked = await reranker.rank(QUERY, PASSAGES, { topK: 2, normalize: true });

    expect(compressed).toHaveLength(2);
    expect(compressed.map((d) => d.metadata.source)).toEqual(ranked.map((r) => `doc-${r.index}`));
    expect(compressed.map((d) => d.metadata.rerank)).toEqual(ranked.map((r) => r.score));
    expect(compressed.some((d) => 'relevanceScore' in d.metadata)).toBe(false);
    const flag = flagEmbeddingScores('normalize');
    for (const r of ranked) expect(Math.abs(r.score - flag[r.index]!)).toBeLessThan(FP32_TOLERANCE);
  });

  it('passes rank options through (chunking of long documents)', async () => {
    const chunking = { maxChunksPerDoc: 4 };
    const compressor = new WebrerankCompressor({ reranker, rankOptions: { chunking, maxLength: 16 } });
    const compressed = await compressor.compressDocuments(documents(), QUERY);
    const ranked = await reranker.rank(QUERY, PASSAGES, { chunking, maxLength: 16 });
    const unchunked = await reranker.rank(QUERY, PASSAGES);
    expect(compressed.map((d) => d.metadata.relevanceScore)).toEqual(ranked.map((r) => r.score));
    // The options really reached rank: windows of 16 tokens score differently from whole passages.
    expect(ranked.map((r) => r.score)).not.toEqual(unchunked.map((r) => r.score));
  });

  it('is the baseCompressor of a ContextualCompressionRetriever (@langchain/classic)', async () => {
    const retriever = new ContextualCompressionRetriever({
      baseCompressor: new WebrerankCompressor({ reranker, topK: 3 }),
      baseRetriever: new ListRetriever(documents()),
    });
    const retrieved = await retriever.invoke(QUERY);
    const ranked = await reranker.rank(QUERY, PASSAGES, { topK: 3 });
    expect(retrieved.map((d) => d.metadata.source)).toEqual(ranked.map((r) => `doc-${r.index}`));
    expect(retrieved.map((d) => d.metadata.relevanceScore)).toEqual(ranked.map((r) => r.score));
  });

  it('returns no documents for none', async () => {
    await expect(new WebrerankCompressor({ reranker }).compressDocuments([], QUERY)).resolves.toEqual([]);
  });

  it('refuses bad input with RerankerError codes, before scoring', async () => {
    const compressor = new WebrerankCompressor({ reranker });
    const code = (promise: Promise<unknown>) => promise.then(() => 'resolved', (e: unknown) => (e instanceof RerankerError ? e.code : `not a RerankerError: ${String(e)}`));
    expect(await code(compressor.compressDocuments('text' as never, QUERY))).toBe('INVALID_INPUT');
    expect(await code(compressor.compressDocuments([{ metadata: {} } as never], QUERY))).toBe('INVALID_INPUT');
    expect(await code(compressor.compressDocuments([null as never], QUERY))).toBe('INVALID_INPUT');
    expect(await code(compressor.compressDocuments(documents(), 42 as never))).toBe('INVALID_INPUT');
    expect(await code(new WebrerankCompressor({ reranker, rankOptions: { maxLength: -1 } }).compressDocuments(documents(), QUERY))).toBe('INVALID_OPTION');

    const build = (options: unknown) => { try { new WebrerankCompressor(options as never); return 'built'; } catch (e) { return e instanceof RerankerError ? e.code : String(e); } };
    expect(build(undefined)).toBe('INVALID_OPTION');
    expect(build({})).toBe('INVALID_OPTION');
    expect(build({ reranker, topK: -1 })).toBe('INVALID_OPTION');
    expect(build({ reranker, topK: 1.5 })).toBe('INVALID_OPTION');
    expect(build({ reranker, normalize: 'yes' })).toBe('INVALID_OPTION');
    expect(build({ reranker, scoreKey: '' })).toBe('INVALID_OPTION');

    // A disposed reranker's DISPOSED reaches the caller as it is.
    const disposed = await loadReranker(XLMR_TINY, { backend: 'wasm', dtype: 'fp32' });
    await disposed.dispose();
    expect(await code(new WebrerankCompressor({ reranker: disposed }).compressDocuments(documents(), QUERY))).toBe('DISPOSED');
  });
});
