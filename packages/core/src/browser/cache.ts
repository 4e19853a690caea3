import { resolveModelLocation } from '../shared/model-location.js';
import { createIdbModelStore } from '../store/idb-model-store.js';

/** Which stored model: the same `model`, `host` and `revision` options `createReranker` takes. */
export interface CachedModelQuery {
  model: string;
  host?: string | undefined;
  revision?: string | undefined;
}

/**
 * Whether a model can load without the network: its config, tokenizer and at least one ONNX
 * graph are stored complete (of `dtype` when given: `onnx/model_quantized.onnx` for q8, …).
 *
 * @example
 * if (await isCached({ model: 'BAAI/bge-reranker-base' })) showOfflineBadge();
 */
export async function isCached(query: CachedModelQuery & { graph?: string }): Promise<boolean> {
  const location = resolveModelLocation(query.model, query.host, query.revision);
  const stored = new Set((await createIdbModelStore().list(location)).map((f) => f.file));
  const graphs = [...stored].filter((f) => (query.graph ? f === query.graph : /^onnx\/.*\.onnx$/.test(f)));
  return stored.has('config.json') && stored.has('tokenizer.json') && graphs.length > 0;
}

/**
 * Deletes a model's stored files (every revision when `revision` is not given) and returns how
 * many files were removed.
 *
 * @example
 * await evict({ model: 'BAAI/bge-reranker-base' });
 */
export async function evict(query: CachedModelQuery): Promise<number> {
  const location = resolveModelLocation(query.model, query.host, query.revision);
  return createIdbModelStore().delete({ host: location.host, model: location.model, ...(query.revision ? { revision: location.revision } : {}) });
}
