/**
 * Wraps `encode` so each distinct text is tokenized once per call: a reranked list repeats one
 * query, and the LLM recipe repeats the separator and the prompt.
 *
 * @example
 * const encode = cachedEncoder((t) => tokenizer.encode(t));
 * encode('q'); encode('q'); // tokenized once
 */
export function cachedEncoder(encode: (text: string) => number[]): (text: string) => number[] {
  const cache = new Map<string, number[]>();
  return (text) => {
    let ids = cache.get(text);
    if (!ids) cache.set(text, (ids = encode(text)));
    return ids;
  };
}
