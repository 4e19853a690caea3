// Agreement of cascades with the full rerank (issue 15): per query, whether the cascade's top-10
// is the full rerank's top-10 (as a set, and in the same order), and how much of it overlaps.
import { readFileSync } from 'node:fs';
import type { RankResult } from '../packages/core/src/index.js';
import { seededRandom } from '../packages/testkit/src/prng.js';
import { COMMON_WORDS } from '../packages/testkit/src/wordlist.js';
import { buildScenario, SEED, type PairLength } from './scenario.js';

/** One query of the agreement runs: a query and its 100 passages. */
export interface AgreementQuery {
  query: string;
  passages: string[];
}

/** Per query: the same ten documents, the same ten in the same order, and |cascade ∩ full| / 10. */
export interface Agreement {
  queries: number;
  sameSet: number;
  sameOrder: number;
  meanOverlap: number;
}

/**
 * `count` queries of 100 passages each, the bench scenario's length mix with one seed per query
 * (the passages differ), each with its own query of 6-12 words of the same vocabulary.
 */
export function agreementQueries(pairLength: PairLength, count: number): AgreementQuery[] {
  const words = COMMON_WORDS.split(/\s+/).filter((w) => /^[a-z]+$/.test(w));
  return Array.from({ length: count }, (_, q) => {
    const random = seededRandom(SEED + 1000 + q);
    const query = Array.from({ length: 6 + Math.floor(random() * 7) }, () => words[Math.floor(random() * words.length)] as string).join(' ');
    return { query, passages: buildScenario(pairLength, 100, SEED + q).passages };
  });
}

/** Compares cascade top-10s with full top-10s, query by query (best first, indices only). */
export function agreement(cascades: readonly number[][], fulls: readonly number[][], k = 10): Agreement {
  let sameSet = 0;
  let sameOrder = 0;
  let overlap = 0;
  cascades.forEach((top, q) => {
    const full = (fulls[q] as number[]).slice(0, k);
    const mine = top.slice(0, k);
    const shared = mine.filter((i) => full.includes(i)).length;
    overlap += shared / k;
    if (shared === k) sameSet++;
    if (mine.every((i, j) => i === full[j])) sameOrder++;
  });
  return { queries: cascades.length, sameSet, sameOrder, meanOverlap: overlap / cascades.length };
}

/** The indices of a ranking, best first. */
export function order(ranking: readonly RankResult<string>[]): number[] {
  return ranking.map((r) => r.index);
}

/** Indices of `scores` best first (ties in input order), as rank orders them. */
export function orderOf(scores: readonly number[]): number[] {
  return scores.map((score, index) => ({ score, index })).sort((a, b) => b.score - a.score || a.index - b.index).map((r) => r.index);
}

/**
 * The cascade on FlagEmbedding's own numbers: minicpm-layerwise-tiny's expected.json holds, for
 * its 24 reference pairs, the scores of layers 2, 4 and 6 (call `cut246`). Taken as one pool of
 * 24 candidates: the top-10 of layer 6 against layer 6 over layer k's best N.
 */
export function flagEmbeddingLayerAgreement(expectedJson: string, cheapLayer: 2 | 4, topN: number): Agreement {
  const reference = JSON.parse(readFileSync(expectedJson, 'utf8')) as { calls: { id: string; returned: number[][] }[] };
  const call = reference.calls.find((c) => c.id === 'cut246');
  if (!call) throw new Error('expected.json has no cut246 call');
  const [layer2, layer4, layer6] = call.returned as [number[], number[], number[]];
  const cheap = cheapLayer === 2 ? layer2 : layer4;
  const chosen = new Set(orderOf(cheap).slice(0, topN));
  const finals = orderOf(layer6).filter((i) => chosen.has(i));
  const rest = orderOf(cheap).filter((i) => !chosen.has(i));
  return agreement([[...finals, ...rest]], [orderOf(layer6)]);
}
