// Compares `webrerank score` output (stdin: one JSON array) with FlagEmbedding's scores of the
// reference call whose pairs make up the JSONL input. Usage: check.mjs <expected.json> <call id>
import { readFileSync } from 'node:fs';

const [file, id] = process.argv.slice(2);
const call = JSON.parse(readFileSync(file, 'utf8')).calls.find((c) => c.id === id);
const scores = JSON.parse(readFileSync(0, 'utf8'));
if (!Array.isArray(scores) || scores.length !== call.returned.length) {
  throw new Error(`expected ${call.returned.length} scores, got ${JSON.stringify(scores).slice(0, 200)}`);
}
const diff = Math.max(...scores.map((score, i) => Math.abs(score - call.returned[i])));
if (!(diff <= 1e-4)) throw new Error(`call ${id}: max |ours - FlagEmbedding| = ${diff} > 1e-4`);
console.log(`call ${id}: ${scores.length} scores within ${diff.toExponential(2)} of FlagEmbedding`);
