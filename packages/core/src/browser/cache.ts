import { DTYPES, resolveOnnxFiles, type Dtype, type TransformersJsConfig } from '../model/dtype.js';
import { resolveModelLocation } from '../shared/model-location.js';
import { checkModelFile } from '../store/check-file.js';
import { createIdbModelStore } from '../store/idb-model-store.js';
import type { ModelStore, StoredFileKey } from '../store/model-store.js';

/** Which stored model: the same `model`, `host` and `revision` options `createReranker` takes. */
export interface CachedModelQuery {
  model: string;
  host?: string | undefined;
  revision?: string | undefined;
}

/**
 * Whether a model can load without the network: its config.json and tokenizer.json are stored
 * complete, and so is at least one ONNX graph together with every external data file
 * (`model.onnx_data`, …) that config.json's `transformers.js_config` says it needs. With `dtype`,
 * only that dtype's graph counts (`q8`: `onnx/model_quantized.onnx`, …).
 *
 * Cheap (manifests and the small config.json are read, not the weights), so fit for a "ready
 * offline" badge; a file that later fails its digest check is fetched again by the load.
 *
 * @example
 * if (await isCached({ model: 'BAAI/bge-reranker-base', dtype: 'q8' })) showOfflineBadge();
 */
export async function isCached(query: CachedModelQuery & { dtype?: Dtype | 'auto' }): Promise<boolean> {
  const location = resolveModelLocation(query.model, query.host, query.revision);
  const key = { host: location.host, model: location.model, revision: location.revision };
  const store = createIdbModelStore();
  const stored = new Set((await store.list(key)).map((f) => f.file));
  if (!stored.has('config.json') || !stored.has('tokenizer.json')) return false;
  const config = await storedTransformersJsConfig(store, { ...key, file: 'config.json' });
  if (config === false) return false;
  const dtypes = query.dtype === undefined || query.dtype === 'auto' ? DTYPES : [query.dtype];
  return dtypes.some((dtype) => {
    try {
      const files = resolveOnnxFiles(dtype, config, dtype);
      return [files.graph, ...files.externalData].every((file) => stored.has(file));
    } catch {
      return false; // a config the loader would refuse cannot load offline either
    }
  });
}

/** config.json's `transformers.js_config` (which names the external data files), or false when config.json is unusable. */
async function storedTransformersJsConfig(store: ModelStore, key: StoredFileKey): Promise<TransformersJsConfig | undefined | false> {
  const bytes = await store.get(key);
  if (!bytes || checkModelFile(key.file, bytes) !== undefined) return false;
  const config = JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
  return config['transformers.js_config'] as TransformersJsConfig | undefined;
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
