import { RerankerError } from '../errors.js';

/**
 * TREC qrels and run files, read as trec_eval reads them (get_qrels.c, get_trec_results.c):
 * whitespace-separated fields, the `iter`, `rank` and `tag` columns ignored. Platform-neutral:
 * the caller reads the file, this parses its text, so the browser can evaluate too.
 */

/** One judgment: a relevance integer (negative means "in the pool, not judged", as in trec_eval). */
export interface Judgment {
  docno: string;
  rel: number;
}

/** Judgments: qid → its judgments, in file order (a docno judged twice is refused at evaluation). */
export type Qrels = Map<string, Judgment[]>;

/** One retrieved document of a run. */
export interface RunEntry {
  docno: string;
  score: number;
}

/** A run: qid → its retrieved documents, in file order (the rank column is not kept). */
export type Run = Map<string, RunEntry[]>;

/**
 * Parses `qid iter docno rel` lines. Blank lines and lines starting with `#` are skipped (trec_eval
 * skips `#` lines; it refuses blank ones, which only costs users a confusing error). A docno judged
 * twice for one query is kept here and refused when that query is evaluated, as in trec_eval's
 * form_res_rels.c (a query the run does not retrieve for is never checked there either).
 */
export function parseQrels(text: string, name = 'qrels'): Qrels {
  const qrels: Qrels = new Map();
  forEachLine(text, (fields, line) => {
    // trec_eval refuses a fifth field in qrels (get_qrels.c), unlike runs.
    if (fields.length !== 4) throw malformed(name, line, 'expected 4 fields: qid iter docno rel');
    const [qid, , docno, relText] = fields as [string, string, string, string];
    if (!/^[-+]?\d+$/.test(relText)) throw malformed(name, line, `relevance "${relText}" is not an integer`);
    let judgments = qrels.get(qid);
    if (!judgments) qrels.set(qid, judgments = []);
    judgments.push({ docno, rel: Number(relText) });
  });
  return qrels;
}

/**
 * Parses `qid Q0 docno rank score tag` lines (fields after the tag are ignored, as trec_eval does).
 * The score is read as a double; the rank column is ignored, since trec_eval ranks by score.
 */
export function parseRun(text: string, name = 'run'): Run {
  const run: Run = new Map();
  forEachLine(text, (fields, line) => {
    if (fields.length < 6) throw malformed(name, line, 'expected 6 fields: qid Q0 docno rank score tag');
    const [qid, , docno, , scoreText] = fields as [string, string, string, string, string];
    const score = Number(scoreText);
    if (Number.isNaN(score)) throw malformed(name, line, `score "${scoreText}" is not a number`);
    let entries = run.get(qid);
    if (!entries) run.set(qid, entries = []);
    entries.push({ docno, score });
  });
  return run;
}

/**
 * C's strcmp on UTF-8 bytes, which is code point order. JavaScript's `<` compares UTF-16 code
 * units, which puts U+10000 and above before U+E000–U+FFFF; this compares code points instead.
 */
export function compareStrcmp(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // A surrogate (0xD800–0xDFFF) starts a code point above U+FFFF: it sorts after every BMP unit.
    const xHigh = x >= 0xd800 && x <= 0xdfff;
    const yHigh = y >= 0xd800 && y <= 0xdfff;
    if (xHigh !== yHigh) return xHigh ? 1 : -1;
    return x < y ? -1 : 1;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

function forEachLine(text: string, visit: (fields: string[], line: number) => void): void {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((raw, index) => {
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    visit(trimmed.split(/\s+/), index + 1);
  });
}

function malformed(name: string, line: number, problem: string): RerankerError {
  return new RerankerError('INVALID_INPUT', `${name} line ${line}: ${problem}`);
}
