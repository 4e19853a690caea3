import * as ort from 'onnxruntime-web';
import { describe, expect, it } from 'vitest';
import { lastTokenScores, padLlmBatch } from '../src/engine/llm-batch.js';
import { decoderScoreOutput } from '../src/engine/decoder-reranker.js';

describe('padLlmBatch', () => {
  it('pads on the left: real tokens end in the last column, which is every row\'s last token', () => {
    const batch = padLlmBatch([[5, 6, 7], [8]], 8, 0, 'left');
    expect(Array.from(batch.ids, Number)).toEqual([0, 0, 0, 0, 0, 5, 6, 7, 0, 0, 0, 0, 0, 0, 0, 8]);
    expect(Array.from(batch.mask, Number)).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 1]);
    expect(Array.from(batch.lastIndex)).toEqual([7, 7]);
  });

  it('pads on the right: the last real token is at sum(mask) - 1', () => {
    const batch = padLlmBatch([[5, 6, 7], [8]], 8, 1, 'right');
    expect(Array.from(batch.ids, Number)).toEqual([5, 6, 7, 1, 1, 1, 1, 1, 8, 1, 1, 1, 1, 1, 1, 1]);
    expect(Array.from(batch.lastIndex)).toEqual([2, 0]);
  });
});

describe('lastTokenScores', () => {
  // Value = 100 * row + 10 * position + column, so the picked cell names itself.
  const cube = (rows: number, columns: number, vocab: number): ort.Tensor => {
    const data = new Float32Array(rows * columns * vocab).map((_, i) => {
      const [row, rest] = [Math.floor(i / (columns * vocab)), i % (columns * vocab)];
      return 100 * row + 10 * Math.floor(rest / vocab) + (rest % vocab);
    });
    return new ort.Tensor('float32', data, [rows, columns, vocab]);
  };

  it('reads [batch, seq, vocab] logits at (row, last token, yes column), left and right padded', () => {
    const left = padLlmBatch([[5, 6, 7], [8]], 8, 0, 'left');
    expect(Array.from(lastTokenScores(cube(2, 8, 4), left, 'logits', 3))).toEqual([73, 173]);
    const right = padLlmBatch([[5, 6, 7], [8]], 8, 0, 'right');
    expect(Array.from(lastTokenScores(cube(2, 8, 4), right, 'logits', 3))).toEqual([23, 103]);
  });

  it('reads [batch, seq] outputs (yes_logits, layer_k_logits) at the last token', () => {
    const right = padLlmBatch([[5, 6, 7], [8]], 8, 0, 'right');
    const flat = new ort.Tensor('float32', Float32Array.from({ length: 16 }, (_, i) => i), [2, 8]);
    expect(Array.from(lastTokenScores(flat, right, 'yes_logits'))).toEqual([2, 8]);
  });

  it('rejects outputs of the wrong shape with MODEL_NOT_SUPPORTED', () => {
    const batch = padLlmBatch([[5]], 8, 0, 'left');
    expect(() => lastTokenScores(cube(1, 8, 4), batch, 'logits', 4)).toThrow(expect.objectContaining({ code: 'MODEL_NOT_SUPPORTED' }));
    expect(() => lastTokenScores(cube(1, 8, 4), batch, 'yes_logits')).toThrow(/expected \[batch, sequence\]/);
    expect(() => lastTokenScores(cube(1, 16, 4), batch, 'logits', 1)).toThrow(/for a batch of \[1, 8\]/);
  });
});

describe('decoderScoreOutput', () => {
  it('prefers the compact yes_logits, else the yes column of logits', () => {
    expect(decoderScoreOutput(['logits', 'yes_logits'], 1603)).toEqual({ name: 'yes_logits' });
    expect(decoderScoreOutput(['logits'], 1603)).toEqual({ name: 'logits', column: 1603 });
    expect(() => decoderScoreOutput(['scores'], 1)).toThrow(expect.objectContaining({ code: 'MODEL_NOT_SUPPORTED' }));
  });
});
