// Writes a reference call's pairs as the CLI's JSONL input. Usage: pairs.mjs <expected.json> <call id>
import { readFileSync } from 'node:fs';

const [file, id] = process.argv.slice(2);
const reference = JSON.parse(readFileSync(file, 'utf8'));
const call = reference.calls.find((c) => c.id === id);
for (const i of call.pair_indices) {
  const [query, passage] = reference.pairs[i];
  process.stdout.write(`${JSON.stringify({ query, passage })}\n`);
}
