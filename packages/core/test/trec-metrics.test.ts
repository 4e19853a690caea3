// trec_eval's measures: hand-computed cases for every measure and convention, a property test
// against an independent implementation written here, and the `webrerank metrics` command's text.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { RerankerError } from '../src/errors.js';
import { printf4, formatTrecEval } from '../src/eval/trec-format.js';
import { compareStrcmp, parseQrels, parseRun } from '../src/eval/trec-files.js';
import { DEFAULT_MEASURES, evaluateRun, parseMeasures } from '../src/eval/trec-measures.js';
import { seededRandom } from '@webrerank/testkit';

const ALL = parseMeasures(DEFAULT_MEASURES);

/** Measure name → value, for one qid ('all' for the summary). */
function measuresOf(qrels: string, run: string, qid = 'all'): Record<string, number> {
  const evaluation = evaluateRun(parseQrels(qrels), parseRun(run), ALL);
  const row = qid === 'all' ? evaluation.all : evaluation.queries.find((q) => q.qid === qid);
  if (!row) throw new Error(`no row for ${qid}`);
  return Object.fromEntries(evaluation.measures.map((m, i) => [m.name, row.values[i]!]));
}

function failure(run: () => unknown): RerankerError {
  try {
    run();
  } catch (error) {
    if (error instanceof RerankerError) return error;
    throw error;
  }
  throw new Error('did not throw');
}

const log2 = Math.log2;

// Query 1: graded judgments, a score tie, an unjudged document. Query 2: judged, nothing relevant.
// Query 3: judged, not in the run (left out of "all"). Query 9: in the run, not judged (skipped).
const QRELS = `1 0 a 1
1 0 b 2
1 0 c 0
1 0 d 1
2 0 x 0
3 0 z 1
`;
const RUN = `1 Q0 a 1 0.5 t
1 Q0 c 2 0.9 t
1 Q0 b 3 0.5 t
1 Q0 e 4 0.1 t
2 Q0 x 1 1 t
9 Q0 x 1 1 t
`;

describe('trec_eval measures, hand-computed', () => {
  // Ranking: c (0.9, rel 0), then the 0.5 tie broken by docno descending: b (rel 2) before a (rel 1),
  // then e (unjudged). Relevant (rel >= 1): b at rank 2, a at rank 3; d (rel 1) not retrieved; R = 3.
  const q1 = measuresOf(QRELS, RUN, '1');

  it('counts retrieved, relevant and relevant retrieved', () => {
    expect([q1.num_q, q1.num_ret, q1.num_rel, q1.num_rel_ret]).toEqual([1, 4, 3, 2]);
  });

  it('map, Rprec and recip_rank follow the docno tie-break', () => {
    expect(q1.map).toBeCloseTo((1 / 2 + 2 / 3) / 3, 12);
    expect(q1.Rprec).toBeCloseTo(2 / 3, 12);
    expect(q1.recip_rank).toBe(1 / 2);
  });

  it('P_k divides by k even past the end of the run; recall_k by R', () => {
    expect([q1.P_5, q1.P_10, q1.P_20, q1.P_100]).toEqual([2 / 5, 2 / 10, 2 / 20, 2 / 100]);
    expect([q1.recall_10, q1.recall_100, q1.recall_1000]).toEqual([2 / 3, 2 / 3, 2 / 3]);
  });

  it('ndcg uses the graded rel as gain, log2(rank + 1), and an ideal from every judged document', () => {
    const dcg = 2 / log2(3) + 1 / log2(4);
    const ideal = 2 / log2(2) + 1 / log2(3) + 1 / log2(4);
    expect(q1.ndcg).toBeCloseTo(dcg / ideal, 12);
    expect(q1.ndcg_cut_5).toBeCloseTo(dcg / ideal, 12);
    expect(q1.ndcg_cut_100).toBeCloseTo(dcg / ideal, 12);
  });

  it('ndcg_cut_k cuts both the run and the ideal at k', () => {
    const qrels = '1 0 a 3\n1 0 b 1\n1 0 c 2\n1 0 d 0\n';
    const run = '1 Q0 d 1 9 t\n1 Q0 b 2 8 t\n1 Q0 a 3 7 t\n1 Q0 c 4 6 t\n';
    const evaluation = evaluateRun(parseQrels(qrels), parseRun(run), parseMeasures(['ndcg_cut_2', 'ndcg_cut_1', 'ndcg']));
    // Printed in trec_eval's order: ndcg, then ndcg_cut by increasing cutoff.
    expect(evaluation.measures.map((m) => m.name)).toEqual(['ndcg', 'ndcg_cut_1', 'ndcg_cut_2']);
    const [, cut1, cut2] = evaluation.all.values;
    expect(cut1).toBe(0);
    expect(cut2).toBeCloseTo((1 / log2(3)) / (3 + 2 / log2(3)), 12);
  });

  it('a query with no relevant documents scores 0 everywhere and still counts in "all"', () => {
    const q2 = measuresOf(QRELS, RUN, '2');
    expect([q2.num_ret, q2.num_rel, q2.num_rel_ret]).toEqual([1, 0, 0]);
    for (const name of DEFAULT_MEASURES.filter((n) => !n.startsWith('num_'))) expect(q2[name]).toBe(0);
    const all = measuresOf(QRELS, RUN);
    expect(all.num_q).toBe(2);
    expect(all.map).toBeCloseTo(q1.map! / 2, 12);
    expect(all.ndcg).toBeCloseTo(q1.ndcg! / 2, 12);
  });

  it('"all" sums the num_* counts and averages the rest over queries in both files only', () => {
    const all = measuresOf(QRELS, RUN);
    // Query 9 (no judgments) and query 3 (no results) are left out, as trec_eval without -c.
    expect([all.num_q, all.num_ret, all.num_rel, all.num_rel_ret]).toEqual([2, 5, 3, 2]);
    expect(all.P_5).toBeCloseTo(0.2, 12);
    expect(all.recip_rank).toBe(0.25);
  });

  it('ignores the rank column: ranks come from the scores', () => {
    const reversedRanks = RUN.replace(/ Q0 (\S+) (\d) /g, (_m, doc: string, rank: string) => ` Q0 ${doc} ${9 - Number(rank)} `);
    expect(measuresOf(QRELS, reversedRanks)).toEqual(measuresOf(QRELS, RUN));
  });

  it('breaks score ties by docno in descending strcmp order, so "d9" ranks before "d10"', () => {
    const qrels = '1 0 d10 1\n1 0 d9 0\n';
    const run = '1 Q0 d10 1 1.0 t\n1 Q0 d9 2 1.0 t\n';
    expect(measuresOf(qrels, run).recip_rank).toBe(1 / 2);
    // Scores are compared as numbers, not text: 10 beats 9.
    expect(measuresOf(qrels, '1 Q0 d10 1 10 t\n1 Q0 d9 2 9 t\n').recip_rank).toBe(1);
  });

  it('compares docnos as strcmp does on UTF-8 (code points), not as UTF-16 units', () => {
    expect(compareStrcmp('\u{1F600}', '\uFFFD')).toBe(1);
    expect('\u{1F600}' < '\uFFFD').toBe(true); // what a plain JavaScript comparison would get wrong
    expect(compareStrcmp('a', 'ab')).toBe(-1);
    expect(compareStrcmp('b', 'a')).toBe(1);
    const qrels = '1 0 \u{1F600} 1\n1 0 \uFFFD 0\n';
    // Tie: the greater docno by strcmp (the emoji) ranks first.
    expect(measuresOf(qrels, '1 Q0 \uFFFD 1 1 t\n1 Q0 \u{1F600} 2 1 t\n').recip_rank).toBe(1);
  });

  it('treats negative rel as unjudged: not relevant, no gain, not in num_rel', () => {
    const m = measuresOf('1 0 a -1\n1 0 b 1\n', '1 Q0 a 1 2 t\n1 Q0 b 2 1 t\n');
    expect([m.num_rel, m.num_rel_ret, m.recip_rank]).toEqual([1, 1, 1 / 2]);
    expect(m.ndcg).toBeCloseTo(1 / log2(3), 12);
  });

  it('refuses a document retrieved twice for an evaluated query, as trec_eval does', () => {
    const error = failure(() => measuresOf(QRELS, `${RUN}1 Q0 a 5 0.2 t\n`));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toContain('query 1 retrieves document a twice');
    // trec_eval never looks at a query it skips: a duplicate there is not an error.
    expect(measuresOf(QRELS, `${RUN}9 Q0 x 2 0.5 t\n`)).toEqual(measuresOf(QRELS, RUN));
  });

  it('refuses a document judged twice for an evaluated query', () => {
    expect(failure(() => measuresOf(`${QRELS}1 0 a 2\n`, RUN)).message).toContain('query 1 judges document a twice');
  });

  it('refuses malformed lines, unknown measures and a run with no judged query, with codes', () => {
    expect(failure(() => parseQrels('1 0 a\n', 'q.txt')).message).toBe('q.txt line 1: expected 4 fields: qid iter docno rel');
    expect(failure(() => parseQrels('1 0 a 1.5\n')).code).toBe('INVALID_INPUT');
    expect(failure(() => parseRun('1 Q0 a 1 high t\n')).code).toBe('INVALID_INPUT');
    expect(failure(() => parseRun('1 Q0 a 1 0.5\n')).code).toBe('INVALID_INPUT');
    expect(failure(() => parseMeasures(['P_0'])).code).toBe('INVALID_OPTION');
    expect(failure(() => parseMeasures(['ndcg_cut'])).code).toBe('INVALID_OPTION');
    expect(failure(() => parseMeasures(['mrr'])).code).toBe('INVALID_OPTION');
    expect(failure(() => evaluateRun(parseQrels('1 0 a 1\n'), parseRun('2 Q0 a 1 1 t\n'), ALL)).code).toBe('INVALID_INPUT');
  });

  it('skips blank and # lines and extra run fields', () => {
    expect(measuresOf(`# judged\n\n${QRELS}\n`, `${RUN.replace(/ t\n/g, ' t extra\n')}\n# end\n`)).toEqual(measuresOf(QRELS, RUN));
  });
});

describe('trec_eval output format', () => {
  it('prints %6.4f with C rounding (half to even on exact halves) and counts as integers', () => {
    expect(printf4(1 / 32)).toBe('0.0312'); // toFixed would give 0.0313
    expect(printf4(3 / 32)).toBe('0.0938');
    expect(printf4(5 / 32)).toBe('0.1562');
    expect(printf4(0.5)).toBe('0.5000');
    expect(printf4(1)).toBe('1.0000');
    expect(printf4(2 / 3)).toBe('0.6667');
    expect(printf4(0.00005)).toBe('0.0001'); // binary 0.00005 is a little above the half
  });

  it('pads the name to 22 characters, prints queries first with --per-query, then all; num_q only in all', () => {
    const evaluation = evaluateRun(parseQrels(QRELS), parseRun(RUN), parseMeasures(['recip_rank', 'num_ret', 'num_q']));
    expect(formatTrecEval(evaluation, true)).toBe([
      'num_ret               \t1\t4', 'recip_rank            \t1\t0.5000',
      'num_ret               \t2\t1', 'recip_rank            \t2\t0.0000',
      'num_q                 \tall\t2', 'num_ret               \tall\t5', 'recip_rank            \tall\t0.2500', '',
    ].join('\n'));
    expect(formatTrecEval(evaluation, false)).toBe('num_q                 \tall\t2\nnum_ret               \tall\t5\nrecip_rank            \tall\t0.2500\n');
  });
});

// ---------------------------------------------------------------------------------------------
// An independent implementation, written from trec_eval's documentation rather than from the
// module: rank with a byte-wise comparison of UTF-8 docnos, compute every measure from scratch.

function independent(qrelsText: string, runText: string): Map<string, Record<string, number>> {
  const judged = new Map<string, Record<string, number>>();
  for (const line of qrelsText.split('\n').filter(Boolean)) {
    const [qid, , doc, rel] = line.split(' ') as [string, string, string, string];
    (judged.get(qid) ?? judged.set(qid, {}).get(qid)!)[doc] = Number(rel);
  }
  const retrieved = new Map<string, { doc: string; score: number }[]>();
  for (const line of runText.split('\n').filter(Boolean)) {
    const [qid, , doc, , score] = line.split(' ') as [string, string, string, string, string];
    (retrieved.get(qid) ?? retrieved.set(qid, []).get(qid)!).push({ doc, score: Number(score) });
  }
  const out = new Map<string, Record<string, number>>();
  for (const [qid, docs] of retrieved) {
    const j = judged.get(qid);
    if (!j) continue;
    const ranked = docs.slice().sort((x, y) => y.score - x.score || Buffer.compare(Buffer.from(y.doc), Buffer.from(x.doc)));
    const rel = ranked.map((d) => j[d.doc] ?? 0);
    const isRel = rel.map((r) => r >= 1);
    const R = Object.values(j).filter((r) => r >= 1).length;
    const hits = (k: number): number => isRel.slice(0, k).filter(Boolean).length;
    const gains = Object.values(j).filter((r) => r > 0).sort((a, b) => b - a);
    const dcg = (list: number[], k: number): number => list.slice(0, k).reduce((s, g, i) => s + (g > 0 ? g / log2(i + 2) : 0), 0);
    const nd = (k: number): number => (dcg(gains, k) === 0 ? 0 : dcg(rel, k) / dcg(gains, k));
    let ap = 0;
    isRel.forEach((r, i) => { if (r) ap += hits(i + 1) / (i + 1); });
    const first = isRel.indexOf(true);
    const m: Record<string, number> = {
      num_q: 1, num_ret: ranked.length, num_rel: R, num_rel_ret: hits(ranked.length),
      map: R === 0 ? 0 : ap / R, Rprec: R === 0 ? 0 : hits(R) / R, recip_rank: first < 0 ? 0 : 1 / (first + 1),
      ndcg: nd(Infinity),
    };
    for (const k of [5, 10, 20, 100]) m[`P_${k}`] = hits(k) / k;
    for (const k of [10, 100, 1000]) m[`recall_${k}`] = R === 0 ? 0 : hits(k) / R;
    for (const k of [5, 10, 20, 100]) m[`ndcg_cut_${k}`] = nd(k);
    out.set(qid, m);
  }
  return out;
}

describe('trec_eval measures against an independent implementation', () => {
  it.each(Array.from({ length: 40 }, (_, i) => i + 1))('seed %i: every measure per query and in "all"', (seed) => {
    const next = seededRandom(seed);
    const pick = (n: number): number => Math.floor(next() * n);
    const docs = Array.from({ length: 40 }, (_, i) => (i % 7 === 0 ? `d${i}\u00e9` : i % 11 === 0 ? `D-${i}\u{1F600}` : `d${i}`));
    let qrels = '';
    let run = '';
    for (let q = 0; q < 8; q++) {
      const qid = `q${q}`;
      const judged = q !== 7; // q7: in the run only
      const retrieved = q !== 6; // q6: in the qrels only
      const pool = docs.filter(() => next() < 0.4);
      if (judged) for (const d of pool.length > 0 ? pool : [docs[0]!]) qrels += `${qid} 0 ${d} ${pick(5) - 1}\n`;
      if (retrieved) {
        const chosen = docs.filter(() => next() < 0.6);
        // Few distinct scores, so ties are frequent.
        chosen.forEach((d, r) => { run += `${qid} Q0 ${d} ${r + 1} ${(pick(6) / 4).toFixed(2)} run\n`; });
      }
    }
    const expected = independent(qrels, run);
    const evaluation = evaluateRun(parseQrels(qrels), parseRun(run), ALL);
    expect(evaluation.queries.map((q) => q.qid)).toEqual([...expected.keys()].sort());
    for (const query of evaluation.queries) {
      const want = expected.get(query.qid)!;
      evaluation.measures.forEach((m, i) => expect(query.values[i], `${query.qid} ${m.name}`).toBeCloseTo(want[m.name]!, 12));
    }
    evaluation.measures.forEach((m, i) => {
      const values = [...expected.values()].map((v) => v[m.name]!);
      const sum = values.reduce((s, v) => s + v, 0);
      const want = m.name === 'num_q' ? values.length : m.name.startsWith('num_') ? sum : sum / values.length;
      expect(evaluation.all.values[i], `all ${m.name}`).toBeCloseTo(want, 12);
    });
  });
});

// ---------------------------------------------------------------------------------------------

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

describe('pnpm webrerank metrics (CLI)', () => {
  const work = mkdtempSync(join(tmpdir(), 'webrerank-metrics-'));
  const qrelsFile = join(work, 'qrels.txt');
  const runFile = join(work, 'run.txt');
  writeFileSync(qrelsFile, QRELS);
  writeFileSync(runFile, RUN);

  it('prints trec_eval\'s lines, exactly', async () => {
    const { stdout, stderr } = await run('pnpm', ['--silent', 'webrerank', 'metrics', '--qrels', qrelsFile, '--run', runFile], { cwd: ROOT });
    expect(stderr).toBe('');
    expect(stdout).toBe(`num_q                 \tall\t2
num_ret               \tall\t5
num_rel               \tall\t3
num_rel_ret           \tall\t2
map                   \tall\t0.1944
Rprec                 \tall\t0.3333
recip_rank            \tall\t0.2500
P_5                   \tall\t0.2000
P_10                  \tall\t0.1000
P_20                  \tall\t0.0500
P_100                 \tall\t0.0100
recall_10             \tall\t0.3333
recall_100            \tall\t0.3333
recall_1000           \tall\t0.3333
ndcg                  \tall\t0.2814
ndcg_cut_5            \tall\t0.2814
ndcg_cut_10           \tall\t0.2814
ndcg_cut_20           \tall\t0.2814
ndcg_cut_100          \tall\t0.2814
`);
  });

  it('--per-query --measures prints the chosen measures in trec_eval\'s order, queries first', async () => {
    const { stdout } = await run('pnpm', ['--silent', 'webrerank', 'metrics', '--qrels', qrelsFile, '--run', runFile, '--per-query', '--measures', 'ndcg_cut_10,map,P_1'], { cwd: ROOT });
    expect(stdout).toBe(`map                   \t1\t0.3889
P_1                   \t1\t0.0000
ndcg_cut_10           \t1\t0.5627
map                   \t2\t0.0000
P_1                   \t2\t0.0000
ndcg_cut_10           \t2\t0.0000
map                   \tall\t0.1944
P_1                   \tall\t0.0000
ndcg_cut_10           \tall\t0.2814
`);
  });

  it('fails with a code on stderr, exit 1 and nothing on stdout for a duplicate document', async () => {
    const dup = join(work, 'dup.txt');
    writeFileSync(dup, `${RUN}2 Q0 x 2 0.5 t\n`);
    const error = await run('pnpm', ['--silent', 'webrerank', 'metrics', '--qrels', qrelsFile, '--run', dup], { cwd: ROOT }).then(
      () => null,
      (e: { code: number; stdout: string; stderr: string }) => e,
    );
    expect(error?.code).toBe(1);
    expect(error?.stdout).toBe('');
    expect(error?.stderr).toBe('webrerank: INVALID_INPUT: run: query 2 retrieves document x twice\n');
  });
});
