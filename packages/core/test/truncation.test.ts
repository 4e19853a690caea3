import { describe, expect, it } from 'vitest';
import { buildPairIds, specialTokenCount } from '../src/engine/truncation.js';
import type { PairTemplate } from '../src/tokenizer/pair-template.js';

// XLM-R's template: <s> A </s></s> B </s>, four special tokens.
const XLMR: PairTemplate = { prefix: [0], middle: [2, 2], suffix: [2] };
const ids = (n: number, start: number): number[] => Array.from({ length: n }, (_, i) => start + i);

describe('buildPairIds (FlagReranker truncation)', () => {
  it('adds the template around short pairs and cuts nothing', () => {
    expect(buildPairIds([10, 11], [20], XLMR, 512, 384)).toEqual([0, 10, 11, 2, 2, 20, 2]);
    expect(specialTokenCount(XLMR)).toBe(4);
  });

  it('cuts a query longer than queryMaxLength (3/4 of maxLength) from its end', () => {
    const out = buildPairIds(ids(30, 100), ids(2, 500), XLMR, 32, 24);
    expect(out.slice(1, 25)).toEqual(ids(24, 100));
    expect(out).toEqual([0, ...ids(24, 100), 2, 2, 500, 501, 2]);
  });

  it('cuts the passage from its end so the pair fits maxLength exactly, keeping the closing </s>', () => {
    const out = buildPairIds(ids(3, 100), ids(40, 500), XLMR, 32, 24);
    expect(out).toHaveLength(32);
    expect(out.at(-1)).toBe(2);
    expect(out.slice(6, 31)).toEqual(ids(25, 500));
  });

  it('leaves a passage exactly at the limit untouched', () => {
    const out = buildPairIds(ids(3, 100), ids(25, 500), XLMR, 32, 24);
    expect(out).toHaveLength(32);
    expect(out.slice(6, 31)).toEqual(ids(25, 500));
  });

  it('cuts one token when the pair is one over the limit', () => {
    const out = buildPairIds(ids(3, 100), ids(26, 500), XLMR, 32, 24);
    expect(out).toHaveLength(32);
    expect(out.slice(6, 31)).toEqual(ids(25, 500));
  });

  it('keeps the transformers-4 quirk: a passage not longer than the overflow is not cut at all', () => {
    // query 12 (cut from 20) + 4 specials already fill maxLength 16, so the overflow always equals
    // the passage length: the passage is never "longer than the overflow" and nothing is cut.
    expect(buildPairIds(ids(20, 100), ids(3, 500), XLMR, 16, 12)).toHaveLength(19);
    expect(buildPairIds(ids(20, 100), ids(9, 500), XLMR, 16, 12)).toHaveLength(25);
    // With an 11-token query the overflow is one less than the passage: cut to fit exactly.
    const cut = buildPairIds(ids(11, 100), ids(3, 500), XLMR, 16, 12);
    expect(cut).toHaveLength(16);
    expect(cut.slice(12, 16)).toEqual([2, 2, 500, 2]);
  });

  it('pre-cuts the passage to maxLength tokens before pairing (FlagReranker tokenizes it with truncation)', () => {
    const out = buildPairIds([], ids(600, 1000), XLMR, 512, 384);
    expect(out).toHaveLength(512);
    expect(out.slice(3, 511)).toEqual(ids(508, 1000));
  });

  it('handles maxLength 512 with a long query: the query keeps 384 tokens, the passage the rest', () => {
    const out = buildPairIds(ids(400, 10_000), ids(400, 20_000), XLMR, 512, 384);
    expect(out).toHaveLength(512);
    expect(out.slice(1, 385)).toEqual(ids(384, 10_000));
    expect(out.slice(387, 511)).toEqual(ids(124, 20_000));
  });

  it('builds empty texts the way FlagEmbedding does (specials only)', () => {
    expect(buildPairIds([], [], XLMR, 512, 384)).toEqual([0, 2, 2, 2]);
  });
});
