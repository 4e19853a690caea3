import type { MessageContent } from '@llamaindex/core/llms';
import type { BaseNodePostprocessor } from '@llamaindex/core/postprocessor';
import { MetadataMode, type NodeWithScore } from '@llamaindex/core/schema';
import { extractText } from '@llamaindex/core/utils';
import { RerankerError, type RankCallOptions, type Reranker } from '@webrerank/core';

/**
 * Options of `rank` the postprocessor passes through (scoring budgets, instructions, chunking of
 * long nodes, an AbortSignal). `topN` and `normalize` are the postprocessor's own options.
 */
export type PostprocessorRankOptions = Omit<RankCallOptions, 'topK' | 'normalize' | 'returnDocuments' | 'rankFields'>;

/** What `new WebrerankPostprocessor(…)` takes. */
export interface WebrerankPostprocessorOptions {
  /**
   * The webrerank reranker that scores: `loadReranker` from `@webrerank/core/node` in Node,
   * `createReranker` from `@webrerank/core` in a page (only its `rank` is used). The
   * postprocessor never disposes it.
   */
  reranker: Pick<Reranker, 'rank'>;
  /** Keep only the best `topN` nodes. Default: all of them, best first. */
  topN?: number | undefined;
  /** Scores as sigmoid(logit) in [0, 1] instead of raw logits. Default: the reranker's default (raw logits). */
  normalize?: boolean | undefined;
  /**
   * Which text of a node is scored, `node.getContent(metadataMode)`. Default `MetadataMode.EMBED`
   * (the text plus the metadata not excluded from embeddings), as LlamaIndex's Python
   * `FlagEmbeddingReranker` and `SentenceTransformerRerank` score; `MetadataMode.NONE` scores the bare text.
   */
  metadataMode?: MetadataMode | undefined;
  /** Further `rank` options for every call, e.g. `{ chunking: { maxChunksPerDoc: 8 } }` or a `signal`. */
  rankOptions?: PostprocessorRankOptions | undefined;
}

/**
 * A LlamaIndex.TS node postprocessor that reranks nodes with webrerank, on the user's device:
 * it scores each node's content against the query and returns the nodes best first (the best
 * `topN` when given), each a new `NodeWithScore` holding the same node and webrerank's score.
 * The input list and its entries are left untouched. Use it in a query engine's
 * `nodePostprocessors`, or call `postprocessNodes` on retrieved nodes yourself.
 *
 * @example
 * import { loadReranker } from '@webrerank/core/node';
 * const rerank = new WebrerankPostprocessor({ reranker: await loadReranker('./bge-reranker-base'), topN: 3 });
 * const best = await rerank.postprocessNodes(await retriever.retrieve({ query }), query);
 */
export class WebrerankPostprocessor implements BaseNodePostprocessor {
  readonly reranker: Pick<Reranker, 'rank'>;
  readonly topN: number | undefined;
  readonly normalize: boolean | undefined;
  readonly metadataMode: MetadataMode;
  readonly rankOptions: PostprocessorRankOptions | undefined;

  constructor(options: WebrerankPostprocessorOptions) {
    // Checked here, so a misconfigured postprocessor fails where it is built rather than at its
    // first query deep inside a query engine. Codes and rules are core's own.
    if (options === null || typeof options !== 'object') throw new RerankerError('INVALID_OPTION', 'WebrerankPostprocessor takes an options object with a reranker');
    const { reranker, topN, normalize, metadataMode = MetadataMode.EMBED, rankOptions } = options;
    if (reranker === null || typeof reranker !== 'object' || typeof reranker.rank !== 'function') {
      throw new RerankerError('INVALID_OPTION', 'WebrerankPostprocessor: reranker must be a webrerank Reranker (loadReranker or createReranker)');
    }
    if (topN !== undefined && (typeof topN !== 'number' || !Number.isInteger(topN) || topN < 0)) {
      throw new RerankerError('INVALID_OPTION', `WebrerankPostprocessor: topN must be a non-negative integer, got ${String(topN)}`);
    }
    if (normalize !== undefined && typeof normalize !== 'boolean') {
      throw new RerankerError('INVALID_OPTION', `WebrerankPostprocessor: normalize must be a boolean, got ${String(normalize)}`);
    }
    if (!(Object.values(MetadataMode) as unknown[]).includes(metadataMode)) {
      throw new RerankerError('INVALID_OPTION', `WebrerankPostprocessor: metadataMode must be a MetadataMode, got ${String(metadataMode)}`);
    }
    this.reranker = reranker;
    this.topN = topN;
    this.normalize = normalize;
    this.metadataMode = metadataMode;
    this.rankOptions = rankOptions;
  }

  /**
   * Reranks `nodes` against `query` (a string or a message's content, whose text parts are
   * joined as LlamaIndex's `extractText` does). Rejects with `RerankerError` `INVALID_INPUT` when
   * the query is missing or a node has no `getContent`, before anything is scored.
   */
  async postprocessNodes(nodes: NodeWithScore[], query?: MessageContent): Promise<NodeWithScore[]> {
    if (!Array.isArray(nodes)) throw new RerankerError('INVALID_INPUT', 'WebrerankPostprocessor: nodes must be an array of NodeWithScore');
    // A reranker without a query has nothing to score against: a query engine always passes one,
    // so a missing query is a caller's mistake, not a reason to return the nodes unranked.
    if (query === undefined || query === null) throw new RerankerError('INVALID_INPUT', 'WebrerankPostprocessor: postprocessNodes needs the query');
    if (typeof query !== 'string' && !Array.isArray(query)) {
      throw new RerankerError('INVALID_INPUT', 'WebrerankPostprocessor: the query must be a string or a message content array');
    }
    const passages = nodes.map((entry: unknown, i) => {
      const node = entry !== null && typeof entry === 'object' ? (entry as { node?: unknown }).node : undefined;
      if (node === null || typeof node !== 'object' || typeof (node as { getContent?: unknown }).getContent !== 'function') {
        throw new RerankerError('INVALID_INPUT', `WebrerankPostprocessor: nodes[${i}] is not a NodeWithScore (no node.getContent)`);
      }
      return (node as NodeWithScore['node']).getContent(this.metadataMode);
    });
    const ranked = await this.reranker.rank(extractText(query), passages, { ...this.rankOptions, topK: this.topN, normalize: this.normalize });
    return ranked.map(({ index, score }) => ({ ...(nodes[index] as NodeWithScore), score }));
  }
}
