// A deterministic BEIR folder (corpus.jsonl, queries.jsonl, qrels/test.tsv) plus a first-stage
// TREC run, for tests of `webrerank eval` in Node and of the demo's Evaluate page. The numbers it
// leads to mean nothing; the files exercise the conventions: graded and zero judgments, a query
// without relevant documents, documents without a title, score ties in the run, unjudged
// retrieved documents, relevant documents the run misses.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { seededRandom } from './prng.js';
import { COMMON_WORDS } from './wordlist.js';

/** Sizes of a generated BEIR folder. */
export interface BeirFolderOptions {
  /** Seed of the sequence (default 1): same seed and sizes, same bytes. */
  readonly seed?: number;
  /** Number of queries, `q0`… (default 8). */
  readonly queries?: number;
  /** Number of documents, `d0`… (default 40). */
  readonly docs?: number;
  /** Documents the first-stage run retrieves per query: up to this many (default 20, at most `docs`). */
  readonly runDepth?: number;
}

/** The texts of a generated BEIR folder, file name → content (also what generateBeirFolder writes). */
export interface BeirFiles {
  'corpus.jsonl': string;
  'queries.jsonl': string;
  'qrels/test.tsv': string;
  /** The first-stage run, `qid Q0 docno rank score tag` lines (tag `first-stage`). */
  'first-stage.run': string;
}

/** Paths of a written folder. */
export interface BeirFolder {
  dir: string;
  /** The first-stage run file (inside `dir`, which BEIR tools ignore). */
  run: string;
  qrels: string;
}

const WORDS = COMMON_WORDS.split(/\s+/).filter((word) => /^[a-z]+$/.test(word));

/**
 * The files of a BEIR folder as strings, without touching the disk (the browser tests can serve
 * them). Every query but every fifth has 1 to 3 relevant documents (rel 1 or 2) that share its
 * words; each query also has a document judged 0, and every fifth query only that.
 *
 * @example
 * const files = generateBeirFiles({ seed: 7, queries: 3, docs: 12, runDepth: 5 });
 */
export function generateBeirFiles(options: BeirFolderOptions = {}): BeirFiles {
  const random = seededRandom(options.seed ?? 1);
  const queryCount = options.queries ?? 8;
  const docCount = options.docs ?? 40;
  const depth = Math.min(options.runDepth ?? 20, docCount);
  const pick = (): string => WORDS[Math.floor(random() * WORDS.length)]!;
  const words = (min: number, max: number): string[] => Array.from({ length: min + Math.floor(random() * (max - min + 1)) }, pick);
  const docs = Array.from({ length: docCount }, (_, i) => ({ id: `d${i}`, title: words(1, 3).join(' '), text: words(8, 30) }));
  const queries: string[] = [];
  const qrels: string[] = ['query-id\tcorpus-id\tscore'];
  const run: string[] = [];
  for (let q = 0; q < queryCount; q++) {
    const query = words(2, 5);
    queries.push(JSON.stringify({ _id: `q${q}`, text: query.join(' '), metadata: {} }));
    const judged = distinct(random, docCount, 1 + (q % 5 === 0 ? 0 : 1 + Math.floor(random() * 3)));
    const relevant = judged.slice(1);
    for (const d of relevant) {
      // Relevant documents carry the query's words, so a lexical first stage finds them.
      docs[d]!.text.splice(Math.floor(random() * docs[d]!.text.length), 0, ...query);
      qrels.push(`q${q}\td${d}\t${1 + Math.floor(random() * 2)}`);
    }
    qrels.push(`q${q}\td${judged[0]!}\t0`);
    // The run finds most relevant documents (not all: recall below 1), then fills up at random.
    const retrieved = relevant.filter(() => random() < 0.8);
    for (const d of distinct(random, docCount, depth)) if (retrieved.length < depth && !retrieved.includes(d)) retrieved.push(d);
    shuffle(random, retrieved);
    let score = 20;
    retrieved.forEach((d, rank) => {
      // Every seventh rank ties with the one before: trec_eval's docno tie-break must decide.
      if (rank % 7 !== 6) score -= Math.round(random() * 1000) / 1000 + 0.001;
      run.push(`q${q} Q0 d${d} ${rank + 1} ${score.toFixed(3)} first-stage`);
    });
  }
  const corpus = docs.map(({ id, title, text }, i) => JSON.stringify(
    // Every ninth document has no title field, every eleventh an empty one (BEIR has both).
    i % 9 === 4 ? { _id: id, text: text.join(' ') } : { _id: id, title: i % 11 === 5 ? '' : title, text: text.join(' '), metadata: {} },
  ));
  const lines = (list: string[]): string => `${list.join('\n')}\n`;
  return { 'corpus.jsonl': lines(corpus), 'queries.jsonl': lines(queries), 'qrels/test.tsv': lines(qrels), 'first-stage.run': lines(run) };
}

/**
 * Writes generateBeirFiles(options) into `dir` (created if needed).
 *
 * @example
 * const { dir, run } = generateBeirFolder(join(tmp, 'beir'), { seed: 3, queries: 10, docs: 50 });
 * // webrerank eval --beir <dir> --run <run> --model <tiny model>
 */
export function generateBeirFolder(dir: string, options: BeirFolderOptions = {}): BeirFolder {
  const files = generateBeirFiles(options);
  mkdirSync(join(dir, 'qrels'), { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return { dir, run: join(dir, 'first-stage.run'), qrels: join(dir, 'qrels', 'test.tsv') };
}

/** `count` distinct numbers below `below`, in drawing order. */
function distinct(random: () => number, below: number, count: number): number[] {
  const chosen = new Set<number>();
  while (chosen.size < Math.min(count, below)) chosen.add(Math.floor(random() * below));
  return [...chosen];
}

function shuffle(random: () => number, list: number[]): void {
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [list[i], list[j]] = [list[j]!, list[i]!];
  }
}
