import { describe, expect, it } from 'vitest';
import { splitPassages } from '../src/search/split.js';

const words = (n: number, prefix = 'w'): string => Array.from({ length: n }, (_, i) => `${prefix}${i}`).join(' ');

describe('splitPassages', () => {
  it('keeps a short document as one passage, whitespace collapsed, with its span', () => {
    const text = '  Giant pandas\n eat\tbamboo.  ';
    expect(splitPassages(text)).toEqual([{ text: 'Giant pandas eat bamboo.', start: 2, end: 27 }]);
  });

  it('gives nothing for an empty or blank document', () => {
    expect(splitPassages('')).toEqual([]);
    expect(splitPassages(' \n\t ')).toEqual([]);
  });

  it('never exceeds maxChars, covers every word, and overlaps consecutive passages', () => {
    const text = words(400);
    const pieces = splitPassages(text, { maxChars: 200, overlapChars: 40 });
    expect(pieces.length).toBeGreaterThan(5);
    for (const p of pieces) {
      expect(p.end - p.start).toBeLessThanOrEqual(200);
      expect(p.text).toBe(text.slice(p.start, p.end));
    }
    expect(pieces[0]!.start).toBe(0);
    expect(pieces.at(-1)!.end).toBe(text.length);
    for (let i = 1; i < pieces.length; i++) {
      // Overlap: the next one starts before the previous one ends, by at most overlapChars.
      expect(pieces[i]!.start).toBeLessThan(pieces[i - 1]!.end);
      expect(pieces[i - 1]!.end - pieces[i]!.start).toBeLessThanOrEqual(40);
      expect(pieces[i]!.start).toBeGreaterThan(pieces[i - 1]!.start);
    }
    // Every word is in some passage, whole.
    const seen = new Set(pieces.flatMap((p) => p.text.split(' ')));
    expect(seen.size).toBe(400);
  });

  it('with no overlap, passages tile the words exactly once', () => {
    const text = words(300);
    const pieces = splitPassages(text, { maxChars: 100, overlapChars: 0 });
    expect(pieces.flatMap((p) => p.text.split(' '))).toEqual(text.split(' '));
  });

  it('ends at a paragraph break in the second half rather than mid-paragraph', () => {
    const a = `${words(12, 'a')}.`; // 12 words of "aN", ~ 40 chars
    const b = words(30, 'b');
    const pieces = splitPassages(`${a}\n\n${b}`, { maxChars: 60, overlapChars: 0 });
    expect(pieces[0]!.text).toBe(a);
  });

  it('ends after a sentence when there is no paragraph break', () => {
    const pieces = splitPassages('One two three four five six. Seven eight nine ten eleven twelve thirteen', { maxChars: 50, overlapChars: 0 });
    expect(pieces[0]!.text).toBe('One two three four five six.');
    expect(pieces[1]!.text).toBe('Seven eight nine ten eleven twelve thirteen');
  });

  it('cuts a "word" longer than maxChars (a 100k-character line cannot make one huge passage)', () => {
    const pieces = splitPassages('x'.repeat(100_000), { maxChars: 1000, overlapChars: 100 });
    expect(pieces).toHaveLength(100);
    expect(pieces.every((p) => p.text.length === 1000)).toBe(true);
  });

  it('rejects options that would loop or make no passages', () => {
    expect(() => splitPassages('a b', { maxChars: 0 })).toThrow(RangeError);
    expect(() => splitPassages('a b', { maxChars: 10, overlapChars: 10 })).toThrow(RangeError);
  });
});

describe('splitPassages overlap', () => {
  it('starts the next passage at a sentence inside the overlap when there is one', () => {
    const text = 'Alpha beta gamma delta epsilon zeta eta theta. Iota kappa lambda mu nu xi omicron pi rho sigma tau';
    const pieces = splitPassages(text, { maxChars: 60, overlapChars: 30 });
    expect(pieces[0]!.text).toBe('Alpha beta gamma delta epsilon zeta eta theta.');
    // The overlap region (the last 30 characters) has no sentence start after "theta.": word-level.
    expect(pieces[1]!.start).toBeLessThan(pieces[0]!.end);
    const long = 'One two three. Four five six seven eight nine ten eleven twelve thirteen fourteen';
    const [a, b] = splitPassages(long, { maxChars: 50, overlapChars: 40 });
    expect(a!.text).toBe('One two three. Four five six seven eight nine ten');
    expect(b!.text.startsWith('Four five')).toBe(true);
  });
});
