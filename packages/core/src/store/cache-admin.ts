import type { ModelStore, StoredFileKey } from './model-store.js';

/**
 * Whether every listed file of a model is in the store, complete. Reads the manifests only (no
 * digest check), so it is cheap enough for a "download / ready offline" badge; a file that later
 * fails verification is still fetched again by the load. An empty list is trivially cached.
 *
 * @example
 * if (await isCached(store, { host, model, revision: 'main', files: ['config.json', 'onnx/model_quantized.onnx'] })) …
 */
export async function isCached(
  store: ModelStore,
  model: Omit<StoredFileKey, 'file'> & { files: readonly string[] },
): Promise<boolean> {
  const { host, revision, files } = model;
  // One listing instead of one lookup per file.
  const stored = new Set((await store.list({ host, model: model.model, revision })).map((info) => info.file));
  return files.every((file) => stored.has(file));
}

/**
 * Deletes a model's cached files: one revision, or every revision when `revision` is left out.
 * Resolves to how many files were deleted.
 *
 * @example
 * const removed = await evict(store, { host: 'https://huggingface.co', model: 'o/m' });
 */
export function evict(
  store: ModelStore,
  model: Omit<StoredFileKey, 'file' | 'revision'> & { revision?: string },
): Promise<number> {
  const { host, revision } = model;
  return store.delete(revision === undefined ? { host, model: model.model } : { host, model: model.model, revision });
}
