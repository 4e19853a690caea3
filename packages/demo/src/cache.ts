// What is stored for a model, and how big it is. The library answers "is it stored" (isCached,
// per weights file too); sizes come from info().files of the loads this browser has seen, kept
// in localStorage (the library has no public size listing), plus the origin's storage estimate.
import { DTYPES, evict, isCached, type RerankerInfo } from '@webrerank/core';

const SIZES_KEY = 'webrerank-demo:file-sizes';

export interface StoredModel {
  /** config.json, tokenizer.json and at least one weights file are stored complete. */
  complete: boolean;
  /** Stored weights, by dtype, with their size when known. */
  weights: { dtype: string; file: string; bytes: number | undefined }[];
  /** Sum of the known sizes of the stored files. */
  knownBytes: number;
  /** What the browser says this whole site stores (all models, the app shell). */
  originUsage: number | undefined;
  originQuota: number | undefined;
}

/** transformers.js's file name for a dtype, as the library loads it. */
export function graphFile(dtype: string): string {
  const suffix = dtype === 'fp32' ? '' : dtype === 'q8' ? '_quantized' : `_${dtype}`;
  return `onnx/model${suffix}.onnx`;
}

type Sizes = Record<string, Record<string, number>>;

function readSizes(): Sizes {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(SIZES_KEY) ?? '{}');
    return parsed !== null && typeof parsed === 'object' ? (parsed as Sizes) : {};
  } catch {
    return {};
  }
}

function writeSizes(sizes: Sizes): void {
  try {
    localStorage.setItem(SIZES_KEY, JSON.stringify(sizes));
  } catch {
    // Only a display hint: without it sizes show as unknown.
  }
}

const keyOf = (model: string, host: string | undefined): string => `${host ?? 'https://huggingface.co'}|${model}`;

export function rememberSizes(model: string, host: string | undefined, info: RerankerInfo): void {
  const sizes = readSizes();
  const entry = (sizes[keyOf(model, host)] ??= {});
  for (const file of info.files) entry[file.path] = file.bytes;
  writeSizes(sizes);
}

export async function storedModel(model: string, host: string | undefined): Promise<StoredModel> {
  const query = { model, ...(host !== undefined ? { host } : {}) };
  const complete = await isCached(query);
  const known = readSizes()[keyOf(model, host)] ?? {};
  const weights: StoredModel['weights'] = [];
  if (complete) {
    for (const dtype of DTYPES) {
      const file = graphFile(dtype);
      if (await isCached({ ...query, dtype })) weights.push({ dtype, file, bytes: known[file] });
    }
  }
  const knownBytes = complete
    ? ['config.json', 'tokenizer.json', 'tokenizer_config.json', ...weights.map((w) => w.file)].reduce((sum, f) => sum + (known[f] ?? 0), 0)
    : 0;
  let originUsage: number | undefined;
  let originQuota: number | undefined;
  try {
    const estimate = await navigator.storage.estimate();
    originUsage = estimate.usage;
    originQuota = estimate.quota;
  } catch {
    // No StorageManager here: the site total is left out.
  }
  return { complete, weights, knownBytes, originUsage, originQuota };
}

export async function clearStored(model: string, host: string | undefined): Promise<number> {
  const removed = await evict({ model, ...(host !== undefined ? { host } : {}) });
  const sizes = readSizes();
  delete sizes[keyOf(model, host)];
  writeSizes(sizes);
  return removed;
}
