import { BaseDocumentCompressor } from '@langchain/core/retrievers/document_compressors';
import { Document, type DocumentInterface } from '@langchain/core/documents';
import { RerankerError, type RankCallOptions, type Reranker } from '@webrerank/core';

/**
 * Options of `rank` the compressor passes through (scoring budgets, instructions, chunking of long
 * documents, an AbortSignal). `topK` and `normalize` are the compressor's own options; it asks
 * for no documents back and reads none of their fields, since it ranks `pageContent` strings.
 */
export type CompressorRankOptions = Omit<RankCallOptions, 'topK' | 'normalize' | 'returnDocuments' | 'rankFields'>;

/** What `new WebrerankCompressor(…)` takes. */
export interface WebrerankCompressorOptions {
  /**
   * The webrerank reranker that scores: `loadReranker` from `@webrerank/core/node` in Node,
   * `createReranker` from `@webrerank/core` in a page (only its `rank` is used). The compressor
   * never disposes it.
   */
  reranker: Pick<Reranker, 'rank'>;
  /** Keep only the best `topK` documents. Default: all of them, best first. */
  topK?: number | undefined;
  /** Scores as sigmoid(logit) in [0, 1] instead of raw logits. Default: the reranker's default (raw logits). */
  normalize?: boolean | undefined;
  /**
   * The metadata key that receives each document's score. Default `relevanceScore`, the key
   * LangChain's own rerankers (`CohereRerank`) write, so code reading theirs reads ours.
   */
  scoreKey?: string | undefined;
  /** Further `rank` options for every call, e.g. `{ chunking: { maxChunksPerDoc: 8 } }` or a `signal`. */
  rankOptions?: CompressorRankOptions | undefined;
}

/**
 * A LangChain.js document compressor that reranks documents with webrerank, on the user's device:
 * it scores each document's `pageContent` against the query, returns the documents best first
 * (the best `topK` when given) as new `Document`s with the input's metadata and `id`, plus the
 * score under `metadata[scoreKey]`. The input documents are left untouched. Use it alone, or
 * as the `baseCompressor` of a `ContextualCompressionRetriever` (`@langchain/classic`).
 *
 * @example
 * import { loadReranker } from '@webrerank/core/node';
 * const compressor = new WebrerankCompressor({ reranker: await loadReranker('./bge-reranker-base'), topK: 3 });
 * const best = await compressor.compressDocuments(docs, 'what is panda?'); // best[0].metadata.relevanceScore
 */
export class WebrerankCompressor extends BaseDocumentCompressor {
  readonly reranker: Pick<Reranker, 'rank'>;
  readonly topK: number | undefined;
  readonly normalize: boolean | undefined;
  readonly scoreKey: string;
  readonly rankOptions: CompressorRankOptions | undefined;

  constructor(options: WebrerankCompressorOptions) {
    super();
    // Checked here, so a misconfigured compressor fails where it is built rather than at its
    // first query deep inside a retriever chain. Codes and rules are core's own.
    if (options === null || typeof options !== 'object') throw new RerankerError('INVALID_OPTION', 'WebrerankCompressor takes an options object with a reranker');
    const { reranker, topK, normalize, scoreKey = 'relevanceScore', rankOptions } = options;
    if (reranker === null || typeof reranker !== 'object' || typeof reranker.rank !== 'function') {
      throw new RerankerError('INVALID_OPTION', 'WebrerankCompressor: reranker must be a webrerank Reranker (loadReranker or createReranker)');
    }
    if (topK !== undefined && (typeof topK !== 'number' || !Number.isInteger(topK) || topK < 0)) {
      throw new RerankerError('INVALID_OPTION', `WebrerankCompressor: topK must be a non-negative integer, got ${String(topK)}`);
    }
    if (normalize !== undefined && typeof normalize !== 'boolean') {
      throw new RerankerError('INVALID_OPTION', `WebrerankCompressor: normalize must be a boolean, got ${String(normalize)}`);
    }
    if (typeof scoreKey !== 'string' || scoreKey === '') {
      throw new RerankerError('INVALID_OPTION', `WebrerankCompressor: scoreKey must be a non-empty string, got ${String(scoreKey)}`);
    }
    this.reranker = reranker;
    this.topK = topK;
    this.normalize = normalize;
    this.scoreKey = scoreKey;
    this.rankOptions = rankOptions;
  }

  /**
   * Reranks `documents` against `query`: the best first, each a new `Document` whose metadata is
   * the input's plus the score. Rejects with `RerankerError` `INVALID_INPUT` for a query that
   * is not a string or a document without a string `pageContent`, before anything is scored.
   */
  async compressDocuments(documents: DocumentInterface[], query: string): Promise<DocumentInterface[]> {
    if (!Array.isArray(documents)) throw new RerankerError('INVALID_INPUT', 'WebrerankCompressor: documents must be an array of LangChain Documents');
    const passages = documents.map((document: unknown, i) => {
      const content = document !== null && typeof document === 'object' ? (document as { pageContent?: unknown }).pageContent : undefined;
      if (typeof content !== 'string') throw new RerankerError('INVALID_INPUT', `WebrerankCompressor: document ${i} has no string pageContent`);
      return content;
    });
    // The query is checked by rank itself (INVALID_INPUT), as are the options, before any scoring.
    const ranked = await this.reranker.rank(query, passages, { ...this.rankOptions, topK: this.topK, normalize: this.normalize });
    return ranked.map(({ index, score }) => {
      const input = documents[index] as DocumentInterface;
      return new Document({
        pageContent: input.pageContent,
        metadata: { ...input.metadata, [this.scoreKey]: score },
        ...(input.id === undefined ? {} : { id: input.id }),
      });
    });
  }
}
