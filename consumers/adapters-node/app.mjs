// A user's Node script with both adapters: LangChain Documents and LlamaIndex nodes reranked by a
// webrerank reranker on a local model folder, equal to the reranker's own rank() and within 1e-4
// of FlagEmbedding's reference scores. Usage: node app.mjs <model folder with expected.json>
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ContextualCompressionRetriever } from '@langchain/classic/retrievers/contextual_compression';
import { Document } from '@langchain/core/documents';
import { BaseRetriever as LangChainRetriever } from '@langchain/core/retrievers';
import { MockLLM } from '@llamaindex/core/llms/mock';
import { RerankerError } from '@webrerank/core';
import { loadReranker } from '@webrerank/core/node';
import { WebrerankCompressor } from '@webrerank/langchain';
import { WebrerankPostprocessor } from '@webrerank/llamaindex';
import { BaseRetriever as LlamaRetriever, MetadataMode, RetrieverQueryEngine, TextNode, getResponseSynthesizer } from 'llamaindex';

const TOLERANCE = 1e-4;
const folder = process.argv[2];
if (!folder) throw new Error('usage: node app.mjs <model folder>');
const reference = JSON.parse(readFileSync(join(folder, 'expected.json'), 'utf8'));
const expected = reference.calls.find((c) => c.id === 'default').returned;
// The first query's passages, with FlagEmbedding's score of each.
const query = reference.pairs[0][0];
const mine = reference.pairs.map(([q, passage], i) => ({ q, passage, flag: expected[i] })).filter((p) => p.q === query);
const passages = mine.map((p) => p.passage);

function check(condition, message) {
  if (!condition) throw new Error(message);
}
function same(label, got, want) {
  check(JSON.stringify(got) === JSON.stringify(want), `${label}: ${JSON.stringify(got)} != ${JSON.stringify(want)}`);
}

const reranker = await loadReranker(folder, { dtype: 'fp32' });
try {
  const ranked = await reranker.rank(query, passages, { topK: 3 });
  ranked.forEach((r) => check(Math.abs(r.score - mine[r.index].flag) <= TOLERANCE, `rank: passage ${r.index} scored ${r.score}, FlagEmbedding ${mine[r.index].flag}`));

  // LangChain: the compressor behind a ContextualCompressionRetriever.
  class ListRetriever extends LangChainRetriever {
    lc_namespace = ['consumer'];
    async _getRelevantDocuments() {
      return passages.map((text, i) => new Document({ pageContent: text, metadata: { source: `doc-${i}` } }));
    }
  }
  const retriever = new ContextualCompressionRetriever({
    baseCompressor: new WebrerankCompressor({ reranker, topK: 3 }),
    baseRetriever: new ListRetriever(),
  });
  const documents = await retriever.invoke(query);
  same('langchain sources', documents.map((d) => d.metadata.source), ranked.map((r) => `doc-${r.index}`));
  same('langchain scores', documents.map((d) => d.metadata.relevanceScore), ranked.map((r) => r.score));

  // LlamaIndex: the postprocessor in a RetrieverQueryEngine (MockLLM: LlamaIndex's offline LLM).
  class NodeRetriever extends LlamaRetriever {
    async _retrieve() {
      return passages.map((text, i) => ({ node: new TextNode({ text, id_: `node-${i}` }), score: 0 }));
    }
  }
  const engine = new RetrieverQueryEngine(
    new NodeRetriever(),
    getResponseSynthesizer('compact', { llm: new MockLLM({ timeBetweenToken: 0 }) }),
    [new WebrerankPostprocessor({ reranker, topN: 3, metadataMode: MetadataMode.NONE })],
  );
  const response = await engine.query({ query });
  same('llamaindex ids', response.sourceNodes.map((n) => n.node.id_), ranked.map((r) => `node-${r.index}`));
  same('llamaindex scores', response.sourceNodes.map((n) => n.score), ranked.map((r) => r.score));
  console.log(`both adapters: top 3 ${ranked.map((r) => `${r.index}:${r.score.toFixed(6)}`).join(' ')} (FlagEmbedding ${ranked.map((r) => mine[r.index].flag.toFixed(6)).join(' ')})`);

  // Bad input is the caller's RerankerError class, with a stable code.
  const error = await new WebrerankCompressor({ reranker }).compressDocuments([{ metadata: {} }], query).catch((e) => e);
  check(error instanceof RerankerError && error.code === 'INVALID_INPUT', `a document without pageContent gave ${error}`);
  const noQuery = await new WebrerankPostprocessor({ reranker }).postprocessNodes([]).catch((e) => e);
  check(noQuery instanceof RerankerError && noQuery.code === 'INVALID_INPUT', `a missing query gave ${noQuery}`);
  console.log(`bad input: ${error.code}, ${noQuery.code}`);
} finally {
  await reranker.dispose();
}
