import type { Pair } from '../api.js';
import { RerankerError } from '../errors.js';

/**
 * Parses JSON lines of `{"query": "...", "passage": "..."}` into pairs. Blank lines are skipped;
 * any other line that is not such an object is an INVALID_INPUT naming its line number.
 */
export function parsePairsJsonl(text: string): Pair[] {
  const pairs: Pair[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch {
      throw new RerankerError('INVALID_INPUT', `input line ${i + 1} is not valid JSON`);
    }
    const { query, passage } = (record ?? {}) as { query?: unknown; passage?: unknown };
    if (typeof query !== 'string' || typeof passage !== 'string') {
      throw new RerankerError('INVALID_INPUT', `input line ${i + 1} must be an object with string "query" and "passage"`);
    }
    pairs.push([query, passage]);
  });
  return pairs;
}
