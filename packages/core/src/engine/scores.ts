/**
 * FlagEmbedding's `normalize=True`: `1 / (1 + exp(-x))` in double precision on the float32 logit.
 */
export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}
