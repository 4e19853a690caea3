import { describe, expect, it } from 'vitest';
import { planBatches } from '../src/engine/batching.js';
import { bosIds, buildLlmPairIds, yesTokenId } from '../src/engine/llm-inputs.js';
import { DEFAULT_LLM_PROMPT } from '../src/engine/option-profiles.js';
import { resolveOptions } from '../src/engine/resolve-options.js';
import { cutOnlySecond } from '../src/engine/truncation.js';

const ids = (n: number, start: number): number[] => Array.from({ length: n }, (_, i) => start + i);
// gemma-tiny's frame: <bos>=2, "\n"=262, a two-token prompt.
const FRAME = { bos: [2], sep: [262], prompt: [7, 8] };

describe('buildLlmPairIds (FlagLLMReranker inputs, reference README rules 9-10)', () => {
  it('lays out [bos] q sep p sep prompt, no eos', () => {
    expect(buildLlmPairIds([10, 11], [20, 21], FRAME, 512, 384)).toEqual([2, 10, 11, 262, 20, 21, 262, 7, 8]);
  });

  it('cuts the query to queryMaxLength and the passage to maxLength before anything else', () => {
    const out = buildLlmPairIds(ids(30, 100), ids(2, 500), FRAME, 32, 24);
    expect(out).toEqual([2, ...ids(24, 100), 262, 500, 501, 262, 7, 8]);
  });

  it('cuts the end of sep+passage so [bos] q sep p fits maxLength + |sep| + |prompt|, then appends sep + prompt', () => {
    // encode_max_length = 16 + 1 + 2 = 19; first = 1 + 4 = 5, so second keeps 14 = sep + 13 passage tokens.
    const out = buildLlmPairIds(ids(4, 100), ids(40, 500), FRAME, 16, 12);
    expect(out).toEqual([2, ...ids(4, 100), 262, ...ids(13, 500), 262, 7, 8]);
    expect(out).toHaveLength(19 + 3);
  });

  it('keeps the only_second quirk: sep+passage not longer than the overflow is not cut at all', () => {
    // maxLength 4, queryMaxLength 20: encode_max_length = 4 + 1 + 2 = 7, first = 21 tokens,
    // second = sep + 4 = 5 tokens, overflow 19 >= 5: transformers 4 refuses and cuts nothing.
    const out = buildLlmPairIds(ids(30, 100), ids(9, 500), FRAME, 4, 20);
    expect(out).toEqual([2, ...ids(20, 100), 262, ...ids(4, 500), 262, 7, 8]);
    // One token more in the budget and second (5) is longer than the overflow (4): cut to 1 (sep).
    expect(cutOnlySecond(21, [262, 500, 501, 502, 503], 22)).toEqual([262]);
  });

  it('prepends bos for gemma only when it differs from pad; always for layerwise', () => {
    expect(bosIds('llm', 2, 0)).toEqual([2]);
    expect(bosIds('llm', 0, 0)).toEqual([]);
    expect(bosIds('llm', undefined, 0)).toEqual([]);
    expect(bosIds('llm', 2, undefined)).toEqual([2]);
    expect(bosIds('layerwise', 1, 1)).toEqual([1]);
    expect(() => bosIds('layerwise', undefined, 0)).toThrow(/no bos token/);
  });

  it('reads yes_loc as the first id of "Yes"', () => {
    expect(yesTokenId(() => [1603])).toBe(1603);
    expect(yesTokenId(() => [415, 1767])).toBe(415);
    expect(() => yesTokenId(() => [])).toThrow(expect.objectContaining({ code: 'MODEL_NOT_SUPPORTED' }));
  });
});

describe('LLM option defaults and kinds', () => {
  it('defaults to A: / B: instructions and FlagEmbedding\'s prompt for LLM kinds, none for cross-encoders', () => {
    const llm = resolveOptions(undefined, undefined, 2, 'llm');
    expect(llm).toMatchObject({ queryInstruction: 'A: ', passageInstruction: 'B: ', prompt: DEFAULT_LLM_PROMPT, maxLength: 512, queryMaxLength: 384, cutoffLayers: undefined });
    const cross = resolveOptions(undefined, undefined, 5);
    expect(cross).toMatchObject({ queryInstruction: undefined, passageInstruction: undefined, prompt: undefined });
    expect(resolveOptions({ prompt: 'init' }, { queryInstruction: '' }, 2, 'layerwise')).toMatchObject({ prompt: 'init', queryInstruction: '' });
  });

  it('normalizes cutoffLayers to a list and checks each is an integer', () => {
    expect(resolveOptions(undefined, { cutoffLayers: 4 }, 2, 'layerwise').cutoffLayers).toEqual([4]);
    expect(resolveOptions({ cutoffLayers: [2, 6] }, undefined, 2, 'layerwise').cutoffLayers).toEqual([2, 6]);
    expect(() => resolveOptions(undefined, { cutoffLayers: [2, 4.5] }, 2, 'layerwise')).toThrow(/cutoffLayers\[1\] must be an integer/);
    // A hole is no layer (map would skip it and pass the list on with the hole).
    // eslint-disable-next-line no-sparse-arrays -- the hole is the point
    expect(() => resolveOptions(undefined, { cutoffLayers: [2, , 4] as number[] }, 2, 'layerwise')).toThrow(/cutoffLayers\[1\] must be an integer/);
  });

  it('rejects an option of another kind with INVALID_OPTION, but not an undefined one', () => {
    expect(() => resolveOptions(undefined, { prompt: 'x' }, 5)).toThrow(/"prompt".*LLM rerankers.*this model is a cross-encoder/);
    expect(() => resolveOptions(undefined, { cutoffLayers: 2 }, 2, 'llm')).toThrow(/"cutoffLayers".*layerwise.*this model is an LLM reranker/);
    expect(() => resolveOptions({ cutoffLayers: [3] }, undefined, 5)).toThrow(expect.objectContaining({ code: 'INVALID_OPTION' }));
    expect(resolveOptions(undefined, { prompt: undefined, cutoffLayers: undefined }, 5).prompt).toBeUndefined();
  });

  it('takes maxLength down to 2 for LLMs, so the default query budget keeps a token', () => {
    expect(resolveOptions(undefined, { maxLength: 2 }, 2, 'llm').queryMaxLength).toBe(1);
    expect(() => resolveOptions(undefined, { maxLength: 1 }, 2, 'llm')).toThrow(/maxLength must be at least 2/);
  });
});

describe('planBatches with pad_to_multiple_of=8', () => {
  it('pads each batch to a multiple of 8 of its longest pair and counts padded tokens against the budget', () => {
    expect(planBatches([5, 9, 3, 16], 2, 8192, 8)).toEqual([
      { indices: [3, 1], paddedLength: 16 },
      { indices: [0, 2], paddedLength: 8 },
    ]);
    // 3 rows × 16 padded tokens > 40: the budget splits the batch.
    expect(planBatches([9, 9, 9], 128, 40, 8).map((b) => b.indices)).toEqual([[0, 1], [2]]);
  });
});
