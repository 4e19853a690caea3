import { RerankerError } from '../errors.js';
import { compareStrcmp, type Judgment, type Qrels, type Run, type RunEntry } from './trec-files.js';

/**
 * trec_eval's measures (usnistgov/trec_eval 9.x), with its names and definitions: each function
 * below names the m_*.c file it follows. The conventions, all trec_eval's defaults:
 * - ranking by score descending, ties broken by docno in descending strcmp order (form_res_rels.c
 *   comp_sim_docno); the run's rank column is ignored;
 * - relevant means rel >= 1 (relevance_level 1); negative rel is "in the pool, unjudged": never
 *   relevant, gain 0, and not counted at any level;
 * - only queries in both the run and the qrels are evaluated (no -c); "all" averages over them,
 *   except num_q (their count) and num_ret, num_rel, num_rel_ret (sums);
 * - a docno twice in one query's run, or judged twice in its qrels, is an error (form_res_rels.c).
 */

/** A measure family; `cutoff` is set for the families that take one (P_5, recall_10, ndcg_cut_10). */
export interface Measure {
  name: string;
  family: MeasureFamily;
  cutoff: number | undefined;
}

type MeasureFamily = (typeof FAMILIES)[number];

// trec_eval prints in the order of its measure table (measures.c); cutoffs in increasing order.
const FAMILIES = ['num_q', 'num_ret', 'num_rel', 'num_rel_ret', 'map', 'Rprec', 'recip_rank', 'P', 'recall', 'ndcg', 'ndcg_cut'] as const;
const WITH_CUTOFF: ReadonlySet<MeasureFamily> = new Set(['P', 'recall', 'ndcg_cut']);
/** Measures whose "all" value is a sum (num_q: the count), printed as integers. */
const COUNTS: ReadonlySet<MeasureFamily> = new Set(['num_q', 'num_ret', 'num_rel', 'num_rel_ret']);

/** The measures printed without --measures. */
export const DEFAULT_MEASURES: readonly string[] = [
  'num_q', 'num_ret', 'num_rel', 'num_rel_ret', 'map', 'Rprec', 'recip_rank', 'P_5', 'P_10', 'P_20', 'P_100',
  'recall_10', 'recall_100', 'recall_1000', 'ndcg', 'ndcg_cut_5', 'ndcg_cut_10', 'ndcg_cut_20', 'ndcg_cut_100',
];

/** Reads measure names (`P_10`, `ndcg_cut_5`, `map`, any positive cutoff), in trec_eval's print order. */
export function parseMeasures(names: readonly string[]): Measure[] {
  if (names.length === 0) throw new RerankerError('INVALID_OPTION', 'no measure given');
  const measures = new Map<string, Measure>();
  for (const name of names) {
    const match = /^(.*?)(?:_([1-9]\d*))?$/.exec(name);
    const family = match?.[1] as MeasureFamily;
    const cutoff = match?.[2] === undefined ? undefined : Number(match[2]);
    const known = (FAMILIES as readonly string[]).includes(family) && WITH_CUTOFF.has(family) === (cutoff !== undefined);
    if (!known) {
      throw new RerankerError('INVALID_OPTION', `unknown measure "${name}"; known: ${FAMILIES.filter((f) => !WITH_CUTOFF.has(f)).join(', ')}, P_k, recall_k, ndcg_cut_k`);
    }
    measures.set(name, { name, family, cutoff });
  }
  return [...measures.values()].sort((a, b) => FAMILIES.indexOf(a.family) - FAMILIES.indexOf(b.family) || (a.cutoff ?? 0) - (b.cutoff ?? 0));
}

/** The values of one query, or of "all". */
export interface MeasureValues {
  qid: string;
  values: number[];
}

/** Per-query values (queries in strcmp order of qid, as trec_eval) and the "all" summary. */
export interface Evaluation {
  measures: Measure[];
  queries: MeasureValues[];
  all: MeasureValues;
}

/** Evaluates `run` against `qrels` as trec_eval does with its defaults. */
export function evaluateRun(qrels: Qrels, run: Run, measures: readonly Measure[]): Evaluation {
  const qids = [...run.keys()].filter((qid) => qrels.has(qid)).sort(compareStrcmp);
  if (qids.length === 0) throw new RerankerError('INVALID_INPUT', 'no query of the run has judgments in the qrels');
  const queries = qids.map((qid) => ({ qid, values: evaluateQuery(qid, qrels.get(qid)!, run.get(qid)!, measures) }));
  // Summed in query order, as trec_eval accumulates (meas_acc.c), then divided (meas_avg.c).
  const all = measures.map((measure, m) => {
    if (measure.family === 'num_q') return queries.length;
    const sum = queries.reduce((total, query) => total + query.values[m]!, 0);
    return COUNTS.has(measure.family) ? sum : sum / queries.length;
  });
  return { measures: [...measures], queries, all: { qid: 'all', values: all } };
}

/** Whether trec_eval prints this measure as an integer (`%ld`) rather than `%6.4f`. */
export function isCount(measure: Measure): boolean {
  return COUNTS.has(measure.family);
}

/** A query's retrieved documents as trec_eval sees them: relevance per rank, and the judged levels. */
interface RankedRels {
  /** rel of the document at each rank (−1: not in the qrels, −2: in the qrels with a negative rel). */
  rels: number[];
  /** How many judgments each non-negative level has (all judged documents, retrieved or not). */
  levels: number[];
  numRel: number;
}

function evaluateQuery(qid: string, judgments: readonly Judgment[], entries: readonly RunEntry[], measures: readonly Measure[]): number[] {
  const ranked = rankedRels(qid, judgments, entries);
  return measures.map((measure) => measureValue(measure, ranked));
}

// form_res_rels.c
function rankedRels(qid: string, judgments: readonly Judgment[], entries: readonly RunEntry[]): RankedRels {
  const byDocno = new Map<string, number>();
  const levels: number[] = [];
  for (const { docno, rel } of judgments) {
    if (byDocno.has(docno)) throw new RerankerError('INVALID_INPUT', `qrels: query ${qid} judges document ${docno} twice`);
    byDocno.set(docno, rel);
    if (rel >= 0) levels[rel] = (levels[rel] ?? 0) + 1;
  }
  const seen = new Set<string>();
  for (const { docno } of entries) {
    if (seen.has(docno)) throw new RerankerError('INVALID_INPUT', `run: query ${qid} retrieves document ${docno} twice`);
    seen.add(docno);
  }
  const order = [...entries].sort((a, b) => (a.score > b.score ? -1 : a.score < b.score ? 1 : compareStrcmp(b.docno, a.docno)));
  const rels = order.map(({ docno }) => {
    const rel = byDocno.get(docno);
    return rel === undefined ? -1 : rel < 0 ? -2 : rel;
  });
  let numRel = 0;
  levels.forEach((count, level) => { if (level >= 1) numRel += count; });
  return { rels, levels: Array.from(levels, (count) => count ?? 0), numRel };
}

function measureValue(measure: Measure, { rels, levels, numRel }: RankedRels): number {
  const k = measure.cutoff ?? 0;
  switch (measure.family) {
    case 'num_q': return 1;
    case 'num_ret': return rels.length;
    case 'num_rel': return numRel;
    case 'num_rel_ret': return relevantIn(rels, rels.length);
    case 'map': return averagePrecision(rels, numRel);
    // m_Rprec.c: relevant in the top min(R, retrieved), over R.
    case 'Rprec': return Math.min(rels.length, numRel) === 0 ? 0 : relevantIn(rels, Math.min(rels.length, numRel)) / numRel;
    // m_recip_rank.c
    case 'recip_rank': { const i = rels.findIndex((rel) => rel >= 1); return i < 0 ? 0 : 1 / (i + 1); }
    // m_P.c: missing ranks past the end of the run count as non-relevant.
    case 'P': return relevantIn(rels, k) / k;
    // m_recall.c
    case 'recall': return numRel === 0 ? 0 : relevantIn(rels, k) / numRel;
    case 'ndcg': return ndcg(rels, levels, Infinity);
    case 'ndcg_cut': return ndcg(rels, levels, k);
  }
}

function relevantIn(rels: readonly number[], k: number): number {
  let count = 0;
  for (let i = 0; i < Math.min(k, rels.length); i++) if (rels[i]! >= 1) count++;
  return count;
}

// m_map.c: precision at each relevant retrieved document, summed, over all relevant documents.
function averagePrecision(rels: readonly number[], numRel: number): number {
  let found = 0;
  let sum = 0;
  rels.forEach((rel, i) => {
    if (rel >= 1) sum += ++found / (i + 1);
  });
  return found === 0 ? 0 : sum / numRel;
}

/**
 * m_ndcg.c and m_ndcg_cut.c: gain = the relevance level (0 for unjudged or negative), discount
 * log2(rank + 1); the ideal ranking takes every judged document, highest level first, cut at the
 * same depth. No relevant judgment: 0. Sums run in the same order as trec_eval's.
 */
function ndcg(rels: readonly number[], levels: readonly number[], cutoff: number): number {
  let dcg = 0;
  for (let i = 0; i < Math.min(cutoff, rels.length); i++) {
    const gain = rels[i]!;
    if (gain > 0) dcg += gain / Math.log2(i + 2);
  }
  let ideal = 0;
  let i = 0;
  for (let level = levels.length - 1; level >= 1; level--) {
    for (let n = 0; n < levels[level]! && i < cutoff; n++, i++) ideal += level / Math.log2(i + 2);
  }
  return ideal > 0 ? dcg / ideal : 0;
}
