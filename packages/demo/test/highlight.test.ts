import { describe, expect, it } from 'vitest';
import { queryTerms, splitMarks } from '../src/search/highlight.js';

describe('highlight', () => {
  it('takes the query words, lowercased, once, skipping one-letter words, stopwords and punctuation', () => {
    expect(queryTerms('What do Giant pandas eat? a panda, PANDAS!')).toEqual(['giant', 'pandas', 'eat', 'panda']);
    expect(queryTerms('  ?! ')).toEqual([]);
  });

  it('marks whole words and words starting with a term, keeping every character', () => {
    const text = 'Giant pandas eat bamboo; a panda-like expandable thing.';
    const runs = splitMarks(text, ['panda', 'eat']);
    expect(runs.map((r) => r.text).join('')).toBe(text);
    expect(runs.filter((r) => r.mark).map((r) => r.text)).toEqual(['pandas', 'eat', 'panda']);
  });

  it('does not treat terms as patterns', () => {
    expect(splitMarks('a.b (c) a+b', ['a+b', '(c)']).some((r) => r.mark)).toBe(false);
  });
});
