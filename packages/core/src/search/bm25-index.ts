import MiniSearch, { type AsPlainObject, type Options } from 'minisearch';
import { RerankerError } from '../errors.js';
import { searchTerms } from './search-terms.js';

/** A text to index: `id` is what `search` returns, unique within the index. */
export interface SearchDocument {
  id: string;
  text: string;
}

/** One match: `rank` is 1-based; hits are sorted by `score` descending, ties by `id` ascending. */
export interface SearchHit {
  id: string;
  score: number;
  rank: number;
}

/** Okapi BM25's two parameters; Lucene's and Elasticsearch's defaults are k1 1.2, b 0.75. */
export interface Bm25Parameters {
  k1: number;
  b: number;
}

/** What `toJSON` returns: plain JSON, for IndexedDB or a file; `restoreBm25Index` reads it back. */
export interface Bm25Snapshot {
  format: 'webrerank-bm25';
  version: 1;
  parameters: Bm25Parameters;
  index: AsPlainObject;
}

/**
 * A BM25 full-text index, the cheap first stage before a reranker (`webrerank eval` without a
 * run file, the demo's Search mode). Scores are textbook Okapi BM25 with Lucene's idf,
 * ln(1 + (N - df + 0.5) / (df + 0.5)), over the terms of `searchTerms`.
 */
export interface Bm25Index {
  /** Adds documents; an id already in the index is `INVALID_INPUT` and nothing of that call is added. */
  add(documents: Iterable<SearchDocument>): void;
  /** Removes a document; false when the id is not in the index. */
  remove(id: string): boolean;
  /** The best `topK` documents with at least one query term. */
  search(query: string, topK: number): SearchHit[];
  readonly size: number;
  toJSON(): Bm25Snapshot;
}

export function createBm25Index(parameters: Partial<Bm25Parameters> = {}): Bm25Index {
  const checked = checkParameters({ k1: 1.2, b: 0.75, ...parameters });
  const terms = new TermMemo();
  return wrap(new MiniSearch<SearchDocument>(miniSearchOptions(checked, terms)), checked, terms);
}

export function restoreBm25Index(snapshot: Bm25Snapshot): Bm25Index {
  if (snapshot?.format !== 'webrerank-bm25' || snapshot.version !== 1) {
    throw new RerankerError('INVALID_INPUT', 'not a webrerank BM25 snapshot (format webrerank-bm25, version 1)');
  }
  const parameters = checkParameters(snapshot.parameters);
  const terms = new TermMemo();
  try {
    return wrap(MiniSearch.loadJS(snapshot.index, miniSearchOptions(parameters, terms)), parameters, terms);
  } catch (cause) {
    throw new RerankerError('INVALID_INPUT', `the BM25 snapshot cannot be read: ${String(cause)}`, { cause });
  }
}

function checkParameters(parameters: Bm25Parameters): Bm25Parameters {
  const { k1, b } = parameters;
  if (!Number.isFinite(k1) || k1 < 0) throw new RerankerError('INVALID_OPTION', `k1 must be a finite number >= 0, got ${String(k1)}`);
  if (!Number.isFinite(b) || b < 0 || b > 1) throw new RerankerError('INVALID_OPTION', `b must be a number in [0, 1], got ${String(b)}`);
  return { k1, b };
}

// The terms of the document being added, computed once: `add` needs their count and MiniSearch
// tokenizes the same text right after.
class TermMemo {
  private text = '';
  private terms: string[] = [];

  of(text: string): string[] {
    if (text !== this.text) {
      this.text = text;
      this.terms = searchTerms(text);
    }
    return this.terms;
  }
}

// MiniSearch's own BM25+ (d = 0.5) becomes Okapi BM25 with d = 0; its tokenizer is replaced by
// ours (processTerm then has nothing left to do).
function miniSearchOptions({ k1, b }: Bm25Parameters, terms: TermMemo): Options<SearchDocument> {
  return {
    fields: ['text'],
    idField: 'id',
    tokenize: (text) => terms.of(text),
    processTerm: (term) => term,
    searchOptions: { bm25: { k: k1, b, d: 0 }, combineWith: 'OR' },
  };
}

// MiniSearch departs from Okapi BM25 twice, and both are undone here:
// 1. it takes a document's length to be its number of distinct terms, not of terms: the length
//    it records is replaced by the term count (it calls addFieldLength right after tokenizing);
// 2. it multiplies a hit's score by how many distinct query terms it matched: divided out.
// Both lean on MiniSearch internals, so the version is pinned and bm25-index.test.ts compares
// every score with an independent BM25 computed in the test.
interface FieldLengths {
  addFieldLength(documentId: number, fieldId: number, count: number, length: number): void;
}

function wrap(index: MiniSearch<SearchDocument>, parameters: Bm25Parameters, terms: TermMemo): Bm25Index {
  const internals = index as unknown as FieldLengths;
  const recordLength = internals.addFieldLength.bind(index);
  let termCount = 0;
  internals.addFieldLength = (documentId, fieldId, count) => recordLength(documentId, fieldId, count, termCount);

  return {
    add(documents) {
      const batch = Array.from(documents, checkDocument);
      const ids = new Set<string>();
      for (const { id } of batch) {
        if (ids.has(id) || index.has(id)) throw new RerankerError('INVALID_INPUT', `document id ${JSON.stringify(id)} is already in the index`);
        ids.add(id);
      }
      for (const document of batch) {
        termCount = terms.of(document.text).length;
        index.add(document);
      }
    },
    remove(id) {
      if (!index.has(id)) return false;
      index.discard(id);
      return true;
    },
    search(query, topK) {
      if (typeof query !== 'string') throw new RerankerError('INVALID_INPUT', 'the query must be a string');
      if (!Number.isInteger(topK) || topK < 1) throw new RerankerError('INVALID_OPTION', `topK must be an integer >= 1, got ${String(topK)}`);
      const hits = index
        .search(query)
        .map((hit) => ({ id: String(hit.id), score: hit.score / Math.max(1, hit.terms.length) }))
        .sort((x, y) => y.score - x.score || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
      return hits.slice(0, topK).map((hit, i) => ({ ...hit, rank: i + 1 }));
    },
    get size() {
      return index.documentCount;
    },
    toJSON() {
      return { format: 'webrerank-bm25', version: 1, parameters, index: index.toJSON() };
    },
  };
}

function checkDocument(document: SearchDocument, at: number): SearchDocument {
  if (typeof document?.id !== 'string' || typeof document.text !== 'string') {
    throw new RerankerError('INVALID_INPUT', `document ${at} must be { id: string, text: string }`);
  }
  return { id: document.id, text: document.text };
}
