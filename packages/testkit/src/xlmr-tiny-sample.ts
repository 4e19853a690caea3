import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// A small ranking sample from the xlmr-tiny reference model, with FlagEmbedding's scores: what
// the adapters' tests rank (packages/langchain, packages/llamaindex).

/** The xlmr-tiny reference model (packages/testkit/reference): a real tokenizer, FlagEmbedding's scores. */
export const XLMR_TINY = fileURLToPath(new URL('../reference/xlmr-tiny', import.meta.url));

interface Expected {
  pairs: [string, string][];
  calls: { id: string; pair_indices: number[]; returned: number[] }[];
}
const expected = JSON.parse(readFileSync(`${XLMR_TINY}/expected.json`, 'utf8')) as Expected;

// 'what is panda?' against four passages; the second and fourth are the same text, so they tie
// and rank keeps them in input order.
const INDICES = [0, 1, 2, 20];
export const QUERY = expected.pairs[0]![0];
export const PASSAGES = INDICES.map((i) => expected.pairs[i]![1]);

/** FlagEmbedding's score of each of PASSAGES, from the reference call `default` or `normalize`. */
export function flagEmbeddingScores(call: 'default' | 'normalize'): number[] {
  const { returned } = expected.calls.find((c) => c.id === call)!;
  return INDICES.map((i) => returned[i]!);
}

// Raw fp32 logits: FlagEmbedding and the ONNX export differ by ~1e-6 (core's reference test).
export const FP32_TOLERANCE = 1e-4;
