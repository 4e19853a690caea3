import { RerankerError } from '../errors.js';
import type { TextLine } from './text-lines.js';
import type { Qrels } from './trec-files.js';

/**
 * The BEIR folder layout (beir-cellar/beir, GenericDataLoader): `corpus.jsonl` lines
 * `{"_id", "title", "text"}`, `queries.jsonl` lines `{"_id", "text"}`, `qrels/<split>.tsv` with a
 * `query-id corpus-id score` header. Platform-neutral: the caller hands in lines (textLines over
 * a Node stream or a browser File), these parse them.
 */

/**
 * The passage a BEIR document is scored as: `(title + " " + text).strip()`, the join of BEIR's
 * reranker (beir/reranking/rerank.py) and FlagEmbedding's EvalReranker
 * (FlagEmbedding/abc/evaluation/searcher.py, `f"{title} {text}".strip()`). A missing or null
 * title counts as "" (BEIR's `.get("title", "")`), so the passage is the trimmed text.
 *
 * @example
 * beirPassage({ title: 'Panda', text: 'The giant panda is a bear.' }); // 'Panda The giant panda is a bear.'
 */
export function beirPassage(document: { title?: string | undefined; text: string }): string {
  return `${document.title ?? ''} ${document.text}`.trim();
}

/** Reads `queries.jsonl`: qid → query text, in file order. A qid given twice is INVALID_INPUT. */
export async function readBeirQueries(lines: AsyncIterable<TextLine>, name = 'queries.jsonl'): Promise<Map<string, string>> {
  const queries = new Map<string, string>();
  for await (const { text, line } of lines) {
    const record = jsonRecord(text, line, name);
    if (record === undefined) continue;
    const id = recordId(record, line, name);
    if (typeof record.text !== 'string') throw bad(name, line, 'needs a string "text"');
    if (queries.has(id)) throw bad(name, line, `query ${id} is given twice`);
    queries.set(id, record.text);
  }
  return queries;
}

/** One document of `corpus.jsonl`: its id and its passage (beirPassage). */
export interface BeirDocument {
  id: string;
  passage: string;
}

/**
 * Streams `corpus.jsonl` as documents, checking every line (an `_id` twice is INVALID_INPUT).
 * Only the ids are kept meanwhile, so a corpus larger than memory can be read.
 */
export async function* beirDocuments(lines: AsyncIterable<TextLine>, name = 'corpus.jsonl'): AsyncGenerator<BeirDocument> {
  const seen = new Set<string>();
  for await (const { text, line } of lines) {
    const record = jsonRecord(text, line, name);
    if (record === undefined) continue;
    const id = recordId(record, line, name);
    const { title } = record;
    if (typeof record.text !== 'string') throw bad(name, line, 'needs a string "text"');
    if (title !== undefined && title !== null && typeof title !== 'string') throw bad(name, line, '"title" must be a string');
    if (seen.has(id)) throw bad(name, line, `document ${id} is given twice`);
    seen.add(id);
    yield { id, passage: beirPassage({ title: title ?? undefined, text: record.text }) };
  }
}

/**
 * Reads `corpus.jsonl` as docno → passage, keeping only the documents in `wanted` when given,
 * so a large corpus costs the memory of the documents a run retrieves, not all of them.
 */
export async function readBeirCorpus(lines: AsyncIterable<TextLine>, wanted?: ReadonlySet<string>, name = 'corpus.jsonl'): Promise<Map<string, string>> {
  const corpus = new Map<string, string>();
  for await (const { id, passage } of beirDocuments(lines, name)) {
    if (wanted === undefined || wanted.has(id)) corpus.set(id, passage);
  }
  return corpus;
}

/**
 * Reads a BEIR qrels file (`qrels/test.tsv`): tab-separated `query-id corpus-id score`. BEIR's
 * loader skips the first line as a header; here the first line is skipped only when its score is
 * not an integer, so a header-less file loses no judgment. Scores are integer relevance levels,
 * read as trec_eval reads qrels (see trec-files.ts).
 */
export function parseBeirQrels(text: string, name = 'qrels/test.tsv'): Qrels {
  const qrels: Qrels = new Map();
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  let header = true;
  lines.forEach((raw, index) => {
    if (raw.trim() === '') return;
    const fields = raw.split('\t').map((field) => field.trim());
    const isHeader = header && !/^[-+]?\d+$/.test(fields[2] ?? '');
    header = false;
    if (isHeader) return;
    if (fields.length !== 3) throw bad(name, index + 1, 'expected 3 tab-separated fields: query-id corpus-id score');
    const [qid, docno, score] = fields as [string, string, string];
    if (!/^[-+]?\d+$/.test(score)) throw bad(name, index + 1, `score "${score}" is not an integer`);
    let judgments = qrels.get(qid);
    if (!judgments) qrels.set(qid, judgments = []);
    judgments.push({ docno, rel: Number(score) });
  });
  return qrels;
}

/** A parsed JSON object line, or undefined for a blank line. */
export function jsonRecord(text: string, line: number, name: string): Record<string, unknown> | undefined {
  if (text.trim() === '') return undefined;
  let record: unknown;
  try {
    record = JSON.parse(text);
  } catch {
    throw bad(name, line, 'is not valid JSON');
  }
  if (typeof record !== 'object' || record === null || Array.isArray(record)) throw bad(name, line, 'must be a JSON object');
  return record as Record<string, unknown>;
}

// BEIR's ids are strings; a number is read as its decimal text, as Python's loaders keep it.
function recordId(record: Record<string, unknown>, line: number, name: string): string {
  const raw = record._id;
  const id = typeof raw === 'number' && Number.isFinite(raw) ? String(raw) : raw;
  if (typeof id !== 'string' || id === '') throw bad(name, line, 'needs a non-empty string "_id"');
  // A TREC run separates its fields by white space: such an id could not be written back.
  if (/\s/.test(id)) throw bad(name, line, `"_id" ${JSON.stringify(id)} contains white space, which a TREC run cannot hold`);
  return id;
}

/** INVALID_INPUT naming the file and line. */
export function bad(name: string, line: number, problem: string): RerankerError {
  return new RerankerError('INVALID_INPUT', `${name} line ${line} ${problem}`);
}
