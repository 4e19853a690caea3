// @webrerank/core/search: the BM25 first stage, on its own entry so that apps that only rerank
// never bundle it.
export {
  createBm25Index,
  restoreBm25Index,
  type Bm25Index,
  type Bm25Parameters,
  type Bm25Snapshot,
  type SearchDocument,
  type SearchHit,
} from './bm25-index.js';
export { searchTerms } from './search-terms.js';
