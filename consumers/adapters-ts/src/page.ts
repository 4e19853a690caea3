// A page using both adapters with the browser reranker (createReranker): what a user writes.
import { ContextualCompressionRetriever } from '@langchain/classic/retrievers/contextual_compression';
import { Document, type DocumentInterface } from '@langchain/core/documents';
import type { BaseDocumentCompressor } from '@langchain/core/retrievers/document_compressors';
import type { BaseNodePostprocessor } from '@llamaindex/core/postprocessor';
import { createReranker, RerankerError } from '@webrerank/core';
import { WebrerankCompressor, type WebrerankCompressorOptions } from '@webrerank/langchain';
import { WebrerankPostprocessor, type WebrerankPostprocessorOptions } from '@webrerank/llamaindex';
import { MetadataMode, TextNode, type NodeWithScore } from 'llamaindex';

const reranker = await createReranker({ model: 'BAAI/bge-reranker-base' });

const compressor = new WebrerankCompressor({ reranker, topK: 3, normalize: true, scoreKey: 'score', rankOptions: { chunking: { maxChunksPerDoc: 4 } } });
const asBase: BaseDocumentCompressor = compressor;
const docs: DocumentInterface[] = await asBase.compressDocuments([new Document({ pageContent: 'The giant panda is a bear.' })], 'what is panda?');
const score: unknown = docs[0]?.metadata.score;
export const retriever = (base: ContextualCompressionRetriever['baseRetriever']) => new ContextualCompressionRetriever({ baseCompressor: compressor, baseRetriever: base });

const postprocessor: BaseNodePostprocessor = new WebrerankPostprocessor({ reranker, topN: 3, metadataMode: MetadataMode.NONE });
const nodes: NodeWithScore[] = await postprocessor.postprocessNodes([{ node: new TextNode({ text: 'The giant panda is a bear.' }) }], 'what is panda?');
const nodeScore: number | undefined = nodes[0]?.score;

// Type-level checks: wrong option types are compile errors, not only runtime RerankerErrors.
// @ts-expect-error topK is a number
export const badTopK: WebrerankCompressorOptions = { reranker, topK: '3' };
// @ts-expect-error the reranker is required
export const noReranker: WebrerankPostprocessorOptions = { topN: 3 };
// @ts-expect-error metadataMode is LlamaIndex's MetadataMode
export const badMode: WebrerankPostprocessorOptions = { reranker, metadataMode: 'TEXT' };
// @ts-expect-error topK belongs to the compressor, not to rankOptions
export const topKInRankOptions: WebrerankCompressorOptions = { reranker, rankOptions: { topK: 3 } };

export const used = [score, nodeScore, RerankerError];
