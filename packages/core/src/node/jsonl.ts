import type { Pair } from '../api.js';
import { RerankerError } from '../errors.js';

/**
 * Parses JSON lines of `{"query": "...", "passage": "..."}` into pairs. A byte order mark at the
 * start is dropped and blank lines are skipped; any other line that is not such an object is an
 * INVALID_INPUT naming its line number.
 */
export function parsePairsJsonl(text: string): Pair[] {
  const pairs: Pair[] = [];
  // A UTF-8 byte order mark (Windows editors, PowerShell's Out-File) decodes to U+FEFF at the
  // start, which JSON.parse refuses: drop it, as Python's utf-8-sig and most JSON tools do.
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  body.split(/\r?\n/).forEach((line, i) => {
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
