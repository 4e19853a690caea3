import { describe, expect, it } from 'vitest';
import { formatBytes, formatMove, formatMs, formatScore } from '../src/format.js';
import { rankOrder, sigmoid } from '../src/view/results.js';

describe('format', () => {
  it('moves against input order', () => {
    expect(formatMove(3)).toMatchObject({ text: '▲3', kind: 'up', label: 'moved up 3 places' });
    expect(formatMove(-1)).toMatchObject({ text: '▼1', kind: 'down', label: 'moved down 1 place' });
    expect(formatMove(0)).toMatchObject({ text: '=', kind: 'same' });
  });

  it('sizes, durations and scores', () => {
    expect(formatBytes(811)).toBe('811 B');
    expect(formatBytes(480_844)).toBe('470 KB');
    expect(formatBytes(1.5 * 1024 ** 3)).toBe('1.5 GB');
    expect(formatMs(0.5)).toBe('0.50 ms');
    expect(formatMs(235.4)).toBe('235 ms');
    expect(formatMs(4812)).toBe('4.81 s');
    expect(formatScore(-0.07891)).toBe('−0.0789');
  });
});

describe('ranking', () => {
  it('best first, ties in input order (like the library\'s rank())', () => {
    expect(rankOrder([0.1, 0.5, 0.1, 0.9])).toEqual([3, 1, 0, 2]);
  });

  it('sigmoid is FlagEmbedding\'s normalize', () => {
    expect(sigmoid(0)).toBe(0.5);
    expect(sigmoid(2)).toBeCloseTo(0.8807970779778823, 15);
  });
});
