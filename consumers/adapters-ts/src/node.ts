// A Node file using both adapters with the Node reranker (loadReranker), in a LlamaIndex query engine.
import { Document } from '@langchain/core/documents';
import { RerankerError } from '@webrerank/core';
import { loadReranker } from '@webrerank/core/node';
import { WebrerankCompressor } from '@webrerank/langchain';
import { WebrerankPostprocessor } from '@webrerank/llamaindex';
import { RetrieverQueryEngine, type BaseRetriever } from 'llamaindex';

const reranker = await loadReranker('./bge-reranker-base', { dtype: 'q8' });
try {
  const best = await new WebrerankCompressor({ reranker, topK: 2 }).compressDocuments([new Document({ pageContent: 'Pandas eat bamboo.' })], 'what do pandas eat?');
  process.stdout.write(`${best.length}\n`);
} catch (error) {
  if (error instanceof RerankerError) process.stderr.write(`${error.code}\n`);
}
export const engine = (retriever: BaseRetriever) => new RetrieverQueryEngine(retriever, undefined, [new WebrerankPostprocessor({ reranker, topN: 5 })]);
