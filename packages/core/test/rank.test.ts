import { describe, expect, it } from 'vitest';
import { rankPairs, rankResults } from '../src/engine/rank.js';

describe('rank', () => {
  it('orders best first, ties in input order, with topK and documents', () => {
    const passages = ['a', 'b', 'c', 'd'];
    expect(rankResults([0.1, 0.9, 0.1, 0.5], passages, undefined).map((r) => r.index)).toEqual([1, 3, 0, 2]);
    expect(rankResults([0.1, 0.9, 0.1, 0.5], passages, { topK: 2, returnDocuments: true })).toEqual([
      { index: 1, score: 0.9, document: 'b' },
      { index: 3, score: 0.5, document: 'd' },
    ]);
  });

  it('checks its input', () => {
    expect(() => rankPairs(1, ['a'])).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(() => rankPairs('q', 'a')).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(() => rankPairs('q', ['a', 2])).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(() => rankResults([1], ['a'], { topK: -1 })).toThrow(expect.objectContaining({ code: 'INVALID_OPTION' }));
    expect(rankPairs('q', ['a', 'b'])).toEqual([['q', 'a'], ['q', 'b']]);
  });
});
