import { MockLLM } from '@llamaindex/core/llms/mock';
import { RerankerError } from '@webrerank/core';
import { loadReranker, type LoadedReranker } from '@webrerank/core/node';
import { BaseRetriever, MetadataMode, RetrieverQueryEngine, TextNode, getResponseSynthesizer, type NodeWithScore, type QueryBundle } from 'llamaindex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebrerankPostprocessor } from '../src/index.js';
import { xlmrTinySample } from '@webrerank/testkit';

const { FP32_TOLERANCE, PASSAGES, QUERY, XLMR_TINY, flagEmbeddingScores } = xlmrTinySample;

// The real llamaindex (and the @llamaindex/core it depends on) from the registry and a real
// onnxruntime session on the xlmr-tiny reference model: nothing here is mocked. (MockLLM is
// LlamaIndex's own offline LLM, needed only for the query engine's answer step.)
let reranker: LoadedReranker;
beforeAll(async () => {
  reranker = await loadReranker(XLMR_TINY, { backend: 'wasm', dtype: 'fp32' });
});
afterAll(async () => {
  await reranker.dispose();
});

// Retrieved nodes as a vector search returns them: text, no metadata, a similarity score.
const retrieved = (): NodeWithScore[] => PASSAGES.map((text, i) => ({ node: new TextNode({ text, id_: `node-${i}` }), score: 0.1 * i }));

/** A real LlamaIndex retriever that returns its nodes for every query (the stage before the reranker). */
class ListRetriever extends BaseRetriever {
  readonly nodes: NodeWithScore[];
  constructor(nodes: NodeWithScore[]) {
    super();
    this.nodes = nodes;
  }
  async _retrieve(_query: QueryBundle): Promise<NodeWithScore[]> {
    return this.nodes;
  }
}

describe('WebrerankPostprocessor', () => {
  it('ranks as webrerank rank does, with FlagEmbedding scores in NodeWithScore.score', async () => {
    const input = retrieved();
    const processed = await new WebrerankPostprocessor({ reranker }).postprocessNodes(input, QUERY);
    const ranked = await reranker.rank(QUERY, PASSAGES);

    // The same node objects, best first, with webrerank's score instead of the retriever's.
    expect(processed.map((n) => n.node)).toEqual(ranked.map((r) => input[r.index]!.node));
    expect(processed.every((n, i) => n.node === input[ranked[i]!.index]!.node)).toBe(true);
    expect(processed.map((n) => n.score)).toEqual(ranked.map((r) => r.score));
    // The caller's list keeps its order and the retriever's scores.
    expect(input.map((n) => n.score)).toEqual(PASSAGES.map((_, i) => 0.1 * i));

    const flag = flagEmbeddingScores('default');
    for (const r of ranked) expect(Math.abs(r.score - flag[r.index]!)).toBeLessThan(FP32_TOLERANCE);
    // Passages 1 and 3 are the same text: a tie keeps input order.
    expect(ranked.findIndex((r) => r.index === 1)).toBeLessThan(ranked.findIndex((r) => r.index === 3));
  });

  it('keeps the best topN, normalized', async () => {
    const processed = await new WebrerankPostprocessor({ reranker, topN: 2, normalize: true }).postprocessNodes(retrieved(), QUERY);
    const ranked = await reranker.rank(QUERY, PASSAGES, { topK: 2, normalize: true });
    expect(processed.map((n) => n.node.id_)).toEqual(ranked.map((r) => `node-${r.index}`));
    expect(processed.map((n) => n.score)).toEqual(ranked.map((r) => r.score));
    const flag = flagEmbeddingScores('normalize');
    for (const r of ranked) expect(Math.abs(r.score - flag[r.index]!)).toBeLessThan(FP32_TOLERANCE);
  });

  it('scores getContent(metadataMode): EMBED by default, NONE for the bare text', async () => {
    // Metadata a reader sees in EMBED mode, and one key excluded from embeddings.
    const nodes = PASSAGES.map((text, i) => ({
      node: new TextNode({ text, id_: `node-${i}`, metadata: { title: i % 2 === 0 ? 'Bears' : 'Python', secret: 'x' }, excludedEmbedMetadataKeys: ['secret'] }),
    }));
    const embedTexts = nodes.map(({ node }) => node.getContent(MetadataMode.EMBED));
    expect(embedTexts[0]).toContain('title: Bears');
    expect(embedTexts[0]).not.toContain('secret');

    const byDefault = await new WebrerankPostprocessor({ reranker }).postprocessNodes(nodes, QUERY);
    const embedRanked = await reranker.rank(QUERY, embedTexts);
    expect(byDefault.map((n) => n.score)).toEqual(embedRanked.map((r) => r.score));
    expect(byDefault.map((n) => n.node.id_)).toEqual(embedRanked.map((r) => `node-${r.index}`));

    const bare = await new WebrerankPostprocessor({ reranker, metadataMode: MetadataMode.NONE }).postprocessNodes(nodes, QUERY);
    const bareRanked = await reranker.rank(QUERY, PASSAGES);
    expect(bare.map((n) => n.score)).toEqual(bareRanked.map((r) => r.score));
    expect(bareRanked.map((r) => r.score)).not.toEqual(embedRanked.map((r) => r.score));
  });

  it('takes the query as message content, its text parts joined as LlamaIndex does', async () => {
    const content = [{ type: 'text' as const, text: 'what is' }, { type: 'image_url' as const, image_url: { url: 'data:,' } }, { type: 'text' as const, text: 'panda?' }];
    const processed = await new WebrerankPostprocessor({ reranker }).postprocessNodes(retrieved(), content);
    const ranked = await reranker.rank('what is\n\npanda?', PASSAGES);
    expect(processed.map((n) => n.score)).toEqual(ranked.map((r) => r.score));
  });

  it('reranks inside a RetrieverQueryEngine (llamaindex)', async () => {
    const engine = new RetrieverQueryEngine(
      new ListRetriever(retrieved()),
      getResponseSynthesizer('compact', { llm: new MockLLM({ timeBetweenToken: 0 }) }),
      [new WebrerankPostprocessor({ reranker, topN: 3 })],
    );
    const response = await engine.query({ query: QUERY });
    const ranked = await reranker.rank(QUERY, PASSAGES, { topK: 3 });
    expect(response.sourceNodes?.map((n) => n.node.id_)).toEqual(ranked.map((r) => `node-${r.index}`));
    expect(response.sourceNodes?.map((n) => n.score)).toEqual(ranked.map((r) => r.score));
  });

  it('returns no nodes for none', async () => {
    await expect(new WebrerankPostprocessor({ reranker }).postprocessNodes([], QUERY)).resolves.toEqual([]);
  });

  it('refuses bad input with RerankerError codes, before scoring', async () => {
    const postprocessor = new WebrerankPostprocessor({ reranker });
    const code = (promise: Promise<unknown>) => promise.then(() => 'resolved', (e: unknown) => (e instanceof RerankerError ? e.code : `not a RerankerError: ${String(e)}`));
    expect(await code(postprocessor.postprocessNodes(retrieved()))).toBe('INVALID_INPUT');
    expect(await code(postprocessor.postprocessNodes(retrieved(), 42 as never))).toBe('INVALID_INPUT');
    expect(await code(postprocessor.postprocessNodes('nodes' as never, QUERY))).toBe('INVALID_INPUT');
    expect(await code(postprocessor.postprocessNodes([{ node: { text: 'no getContent' } } as never], QUERY))).toBe('INVALID_INPUT');
    expect(await code(postprocessor.postprocessNodes([null as never], QUERY))).toBe('INVALID_INPUT');
    expect(await code(new WebrerankPostprocessor({ reranker, rankOptions: { batchSize: 0 } }).postprocessNodes(retrieved(), QUERY))).toBe('INVALID_OPTION');

    const build = (options: unknown) => { try { new WebrerankPostprocessor(options as never); return 'built'; } catch (e) { return e instanceof RerankerError ? e.code : String(e); } };
    expect(build(undefined)).toBe('INVALID_OPTION');
    expect(build({ reranker: {} })).toBe('INVALID_OPTION');
    expect(build({ reranker, topN: -1 })).toBe('INVALID_OPTION');
    expect(build({ reranker, topN: '3' })).toBe('INVALID_OPTION');
    expect(build({ reranker, normalize: 1 })).toBe('INVALID_OPTION');
    expect(build({ reranker, metadataMode: 'TEXT' })).toBe('INVALID_OPTION');

    const disposed = await loadReranker(XLMR_TINY, { backend: 'wasm', dtype: 'fp32' });
    await disposed.dispose();
    expect(await code(new WebrerankPostprocessor({ reranker: disposed }).postprocessNodes(retrieved(), QUERY))).toBe('DISPOSED');
  });
});
