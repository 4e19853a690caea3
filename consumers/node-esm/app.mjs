// A user's Node script: loadReranker on a local model folder, with onnxruntime-web's WASM (the
// default) and with onnxruntime-node; every score of FlagEmbedding's reference call within 1e-4,
// one pair as a bare number, and rank. Usage: node app.mjs <model folder with expected.json>
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RerankerError } from '@webrerank/core';
import { loadReranker } from '@webrerank/core/node';

const TOLERANCE = 1e-4;
const folder = process.argv[2];
if (!folder) throw new Error('usage: node app.mjs <model folder>');
const reference = JSON.parse(readFileSync(join(folder, 'expected.json'), 'utf8'));
const call = reference.calls.find((c) => c.id === 'default');
const pairs = call.pair_indices.map((i) => reference.pairs[i]);
const expected = call.returned;

function check(condition, message) {
  if (!condition) throw new Error(message);
}

for (const backend of ['wasm', 'node']) {
  const reranker = await loadReranker(folder, { backend, dtype: 'fp32' });
  try {
    const scores = await reranker.computeScore(pairs);
    check(scores.length === expected.length, `${backend}: ${scores.length} scores for ${expected.length} pairs`);
    const diff = Math.max(...scores.map((score, i) => Math.abs(score - expected[i])));
    check(diff <= TOLERANCE, `${backend}: max |ours - FlagEmbedding| = ${diff} > ${TOLERANCE}`);

    const one = await reranker.computeScore(pairs[0]);
    check(typeof one === 'number' && Math.abs(one - expected[0]) <= TOLERANCE, `${backend}: one pair scored ${one}, FlagEmbedding ${expected[0]}`);

    // rank: the passages of the first query, best first, as FlagEmbedding's scores order them.
    const query = pairs[0][0];
    const mine = pairs.map(([q, passage], i) => ({ q, passage, score: expected[i] })).filter((p) => p.q === query);
    const ranked = await reranker.rank(query, mine.map((p) => p.passage), { topK: 2, returnDocuments: true });
    const best = [...mine].sort((a, b) => b.score - a.score);
    check(ranked.length === 2, `${backend}: rank gave ${ranked.length} results for topK 2`);
    ranked.forEach((r, i) => {
      check(Math.abs(r.score - best[i].score) <= TOLERANCE, `${backend}: rank #${i} scored ${r.score}, FlagEmbedding's #${i} ${best[i].score}`);
      check(r.document === mine[r.index].passage, `${backend}: rank #${i} document is not passage ${r.index}`);
    });
    console.log(`${backend}: ${scores.length} pairs within ${diff.toExponential(2)} of FlagEmbedding; rank top ${ranked.map((r) => `${r.index}:${r.score.toFixed(6)}`).join(' ')}`);
  } finally {
    await reranker.dispose();
  }
}

// Bad input is a RerankerError with a stable code, the class the root entry exports.
const error = await loadReranker(join(folder, 'missing')).catch((e) => e);
check(error instanceof RerankerError, `a missing folder gave ${error}, not a RerankerError`);
console.log(`missing folder: ${error.code}`);

// The BM25 first stage, from its own entry: plain Okapi BM25 numbers on three documents.
const { createBm25Index, restoreBm25Index } = await import('@webrerank/core/search');
const index = createBm25Index();
index.add([{ id: 'a', text: 'giant panda bamboo' }, { id: 'b', text: 'paris france' }, { id: 'c', text: 'red panda' }]);
const hits = restoreBm25Index(JSON.parse(JSON.stringify(index.toJSON()))).search('panda bamboo', 10);
// panda: df 2 of 3, idf ln(1 + 1.5/2.5); bamboo: df 1, idf ln(1 + 2.5/1.5); avgdl 7/3.
const idf = (df) => Math.log(1 + (3 - df + 0.5) / (df + 0.5));
const part = (idf_, dl) => (idf_ * 2.2) / (1 + 1.2 * (0.25 + (0.75 * dl) / (7 / 3)));
const expectedA = part(idf(2), 3) + part(idf(1), 3);
check(hits.map((hit) => hit.id).join() === 'a,c' && Math.abs(hits[0].score - expectedA) < 1e-12, `BM25 gave ${JSON.stringify(hits)}, expected a (${expectedA}) then c`);
console.log(`search: ${hits.map((hit) => `${hit.id}:${hit.score.toFixed(6)}`).join(' ')}`);
