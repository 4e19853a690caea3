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

/**
 * Like {@link cachedEncoder} for the query and passage of a pair: only the first `count` ids
 * matter there (FlagEmbedding truncates past them), so a long text is cut before tokenizing
 * (TextTokenizer.encodeHead). An id list longer than `count` may then be a prefix of the text's.
 *
 * @example
 * const head = cachedHeadEncoder(tokenizer, 512);
 * head(page).length > 512; // true exactly when the page has more than 512 ids
 */
export function cachedHeadEncoder(tokenizer: { encodeHead(text: string, count: number): number[] }, count: number): (text: string) => number[] {
  return cachedEncoder((text) => tokenizer.encodeHead(text, count));
}
