// TEMPORARY until the bm25 branch lands: re-export the index from @webrerank/core/search.
export { createBm25Index, restoreBm25Index, type Bm25Index, type Bm25Snapshot } from './bm25-temp.js';
