// The messages between Search mode's page side (search/client.ts) and its indexing worker
// (search/worker/worker.ts): closed, tagged unions, each request's reply type tied to its tag.

/** How a document came in: its file type, or the sample corpus shipped with the demo. */
export type DocKind = 'txt' | 'md' | 'html' | 'sample';

/** A document to add: its text is already plain text (HTML was turned into text on the page). */
export interface NewDoc {
  name: string;
  kind: DocKind;
  text: string;
}

/** A document of the corpus, as the page lists it. */
export interface DocInfo {
  id: string;
  name: string;
  kind: DocKind;
  chars: number;
  passages: number;
  addedAt: number;
}

/** The corpus as a whole: its documents, how many passages, and the bytes of its stored record. */
export interface CorpusInfo {
  docs: DocInfo[];
  passages: number;
  storedBytes: number;
}

/** One BM25 hit: the passage, its document, and its place in the BM25 ranking (1 = best). */
export interface Hit {
  passageId: string;
  docId: string;
  docName: string;
  text: string;
  bm25Rank: number;
  bm25Score: number;
}

export type SearchRequest =
  | { type: 'open' }
  | { type: 'add'; docs: NewDoc[] }
  | { type: 'remove'; id: string }
  | { type: 'clear' }
  | { type: 'search'; query: string; topK: number };

/** Every corpus change answers with the corpus after it and the worker's time for it (split, index, store). */
export interface CorpusReply {
  corpus: CorpusInfo;
  ms: number;
}

export interface Replies {
  open: CorpusReply;
  add: CorpusReply & { added: number; replaced: number };
  remove: CorpusReply & { removed: boolean };
  clear: CorpusReply;
  search: { hits: Hit[]; ms: number };
}

/** A failure, as data: `code` is a RerankerErrorCode (QUOTA_EXCEEDED, CACHE_UNAVAILABLE, INVALID_INPUT). */
export interface WireError {
  code: string;
  message: string;
}

export interface Envelope {
  id: number;
  request: SearchRequest;
}

export type Answer =
  | { id: number; ok: true; reply: Replies[SearchRequest['type']] }
  | { id: number; ok: false; error: WireError };
