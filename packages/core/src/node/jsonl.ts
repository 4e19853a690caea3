import type { Pair, RankDocument } from '../api.js';
import { RerankerError } from '../errors.js';

/**
 * Parses JSON lines of `{"query": "...", "passage": "..."}` into pairs. A byte order mark at the
 * start is dropped and blank lines are skipped; any other line that is not such an object is an
 * INVALID_INPUT naming its line number.
 */
export function parsePairsJsonl(text: string): Pair[] {
  return jsonLines(text).map(({ record, line }) => {
    const { query, passage } = (record ?? {}) as { query?: unknown; passage?: unknown };
    if (typeof query !== 'string' || typeof passage !== 'string') {
      throw new RerankerError('INVALID_INPUT', `input line ${line} must be an object with string "query" and "passage"`);
    }
    return [query, passage];
  });
}

/**
 * Parses JSON lines of documents for `webrerank rank`: each a JSON string or object (what `rank`
 * takes; rank itself checks their fields). Same BOM and blank-line rules as parsePairsJsonl.
 */
export function parseDocumentsJsonl(text: string): RankDocument[] {
  return jsonLines(text).map(({ record, line }) => {
    if (typeof record === 'string' || (typeof record === 'object' && record !== null && !Array.isArray(record))) return record as RankDocument;
    throw new RerankerError('INVALID_INPUT', `docs line ${line} must be a JSON string or object`);
  });
}

function jsonLines(text: string): { record: unknown; line: number }[] {
  // A UTF-8 byte order mark (Windows editors, PowerShell's Out-File) decodes to U+FEFF at the
  // start, which JSON.parse refuses: drop it, as Python's utf-8-sig and most JSON tools do.
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const records: { record: unknown; line: number }[] = [];
  body.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    try {
      records.push({ record: JSON.parse(line) as unknown, line: i + 1 });
    } catch {
      throw new RerankerError('INVALID_INPUT', `input line ${i + 1} is not valid JSON`);
    }
  });
  return records;
}
