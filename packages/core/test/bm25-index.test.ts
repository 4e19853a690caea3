import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../testkit/src/index.js';
import { RerankerError } from '../src/errors.js';
import { createBm25Index, restoreBm25Index, searchTerms, type SearchDocument } from '../src/search/index.js';

// Okapi BM25 written out independently of the index (no MiniSearch): Lucene's idf,
// tf (k1 + 1) / (tf + k1 (1 - b + b dl / avgdl)), each query term occurrence counted.
function okapi(documents: SearchDocument[], query: string, k1 = 1.2, b = 0.75): Map<string, number> {
  const termLists = documents.map((document) => searchTerms(document.text));
  const average = termLists.reduce((sum, terms) => sum + terms.length, 0) / documents.length;
  const scores = new Map<string, number>();
  for (const term of searchTerms(query)) {
    const df = termLists.filter((terms) => terms.includes(term)).length;
    if (df === 0) continue;
    const idf = Math.log(1 + (documents.length - df + 0.5) / (df + 0.5));
    documents.forEach((document, i) => {
      const terms = termLists[i] ?? [];
      const tf = terms.filter((t) => t === term).length;
      if (tf === 0) return;
      const part = (idf * tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * terms.length) / average));
      scores.set(document.id, (scores.get(document.id) ?? 0) + part);
    });
  }
  return scores;
}

const WORDS = ['panda', 'bear', 'bamboo', 'paris', 'france', 'river', 'the', 'a', 'of', 'eats', 'Zoo', 'café', '熊猫', '竹子', 'мишка', 'ΑΡΚΟΥΔΑ'];

function corpus(seed: number, size: number): SearchDocument[] {
  const random = seededRandom(seed);
  // Zipf-like: early words far more frequent, so df and idf vary.
  const word = (): string => WORDS[Math.floor(WORDS.length * random() ** 2.5)] ?? 'the';
  return Array.from({ length: size }, (_, i) => ({
    id: `d${i}`,
    text: Array.from({ length: 1 + Math.floor(random() * 40) }, word).join(random() < 0.2 ? '' : ' '),
  }));
}

function expectOkapi(hits: { id: string; score: number }[], expected: Map<string, number>): void {
  expect(hits.map((hit) => hit.id).sort()).toEqual([...expected.keys()].sort());
  for (const hit of hits) expect(hit.score).toBeCloseTo(expected.get(hit.id) ?? NaN, 10);
}

describe('BM25 index', () => {
  const queries = ['panda bamboo', 'the the bear', 'Paris, FRANCE!', '熊猫吃竹子', 'мишка zoo', 'café river of', 'nothing-here'];

  it('scores every hit with textbook Okapi BM25 (document length = its number of terms)', () => {
    for (const seed of [1, 2, 3]) {
      const documents = corpus(seed, 300);
      const index = createBm25Index();
      index.add(documents);
      for (const query of queries) expectOkapi(index.search(query, 1000), okapi(documents, query));
    }
  });

  it('stays exact after removals and additions, and with other k1 and b', () => {
    const documents = corpus(4, 200);
    const index = createBm25Index({ k1: 0.9, b: 0.4 });
    index.add(documents.slice(0, 150));
    for (const document of documents.slice(0, 50)) expect(index.remove(document.id)).toBe(true);
    expect(index.remove('d0')).toBe(false);
    index.add(documents.slice(150));
    const live = documents.slice(50);
    expect(index.size).toBe(live.length);
    for (const query of queries) expectOkapi(index.search(query, 1000), okapi(live, query, 0.9, 0.4));
  });

  it('ranks by score, ties by id, and cuts at topK', () => {
    const index = createBm25Index();
    index.add([
      { id: 'b', text: 'panda' },
      { id: 'a', text: 'panda' },
      { id: 'c', text: 'panda panda bear' },
      { id: 'd', text: 'paris' },
    ]);
    const hits = index.search('panda', 10);
    expect(hits.map((hit) => [hit.id, hit.rank])).toEqual([['a', 1], ['b', 2], ['c', 3]]);
    expect(hits[0]?.score).toBe(hits[1]?.score);
    expect(index.search('panda', 2).map((hit) => hit.id)).toEqual(['a', 'b']);
    expect(index.search('unseen', 5)).toEqual([]);
  });

  it('round-trips through JSON and keeps exact lengths for documents added after a restore', () => {
    const documents = corpus(5, 120);
    const index = createBm25Index();
    index.add(documents.slice(0, 100));
    const restored = restoreBm25Index(JSON.parse(JSON.stringify(index.toJSON())));
    for (const query of queries) expect(restored.search(query, 50)).toEqual(index.search(query, 50));
    restored.add(documents.slice(100));
    for (const query of queries) expectOkapi(restored.search(query, 1000), okapi(documents, query));
  });

  it('splits spaceless scripts into characters and folds case and width', () => {
    expect(searchTerms('Hello, Wörld! abc漢字def ＡＢＣ e\u0301')).toEqual(['hello', 'wörld', 'abc', '漢', '字', 'def', 'abc', 'é']);
  });

  it('refuses bad input with RerankerError codes, adding nothing from a failed call', () => {
    const index = createBm25Index();
    index.add([{ id: 'x', text: 'panda' }]);
    const code = (run: () => unknown): string | undefined => {
      try {
        run();
      } catch (error) {
        return error instanceof RerankerError ? error.code : 'not a RerankerError';
      }
      return undefined;
    };
    expect(code(() => index.add([{ id: 'y', text: 'bear' }, { id: 'x', text: 'again' }]))).toBe('INVALID_INPUT');
    expect(code(() => index.add([{ id: 'z', text: 'a' }, { id: 'z', text: 'b' }]))).toBe('INVALID_INPUT');
    expect(index.size).toBe(1);
    expect(code(() => index.add([{ id: 1, text: 'x' } as unknown as SearchDocument]))).toBe('INVALID_INPUT');
    expect(code(() => index.search('panda', 0))).toBe('INVALID_OPTION');
    expect(code(() => index.search(5 as unknown as string, 3))).toBe('INVALID_INPUT');
    expect(code(() => createBm25Index({ b: 2 }))).toBe('INVALID_OPTION');
    expect(code(() => restoreBm25Index({} as never))).toBe('INVALID_INPUT');
  });
});
