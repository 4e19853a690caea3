import { RerankerError } from '../errors.js';

/** Weight formats, named as transformers.js names them (and so as the hub's ONNX folders are laid out). */
export const DTYPES = ['fp32', 'fp16', 'q8', 'int8', 'uint8', 'q4', 'q4f16', 'bnb4'] as const;
export type Dtype = (typeof DTYPES)[number];

// File suffixes from transformers.js's DEFAULT_DTYPE_SUFFIX_MAPPING: `onnx/model${suffix}.onnx`.
const SUFFIX: Record<Dtype, string> = {
  fp32: '',
  fp16: '_fp16',
  q8: '_quantized',
  int8: '_int8',
  uint8: '_uint8',
  q4: '_q4',
  q4f16: '_q4f16',
  bnb4: '_bnb4',
};

/** The ONNX files to load for a dtype: the graph and its external data chunks, if any. */
export interface OnnxFiles {
  dtype: Dtype;
  graph: string;
  externalData: string[];
}

/** config.json's `transformers.js_config`, the part of it that picks files. */
export interface TransformersJsConfig {
  dtype?: string | Record<string, string>;
  use_external_data_format?: boolean | number | Record<string, boolean | number>;
}

/**
 * Picks the ONNX files the way transformers.js does: the requested dtype, else the dtype that
 * config.json's `transformers.js_config` names for the `model` file, else `fallback`; external
 * data chunks from `use_external_data_format` (true = one `model.onnx_data`, N = N chunks
 * `…onnx_data`, `…onnx_data_1`, …), per file name or for all.
 */
export function resolveOnnxFiles(requested: Dtype | 'auto' | undefined, config: TransformersJsConfig | undefined, fallback: Dtype): OnnxFiles {
  const fromConfig = typeof config?.dtype === 'string' ? config.dtype : config?.dtype?.model;
  const dtype = requested && requested !== 'auto' ? requested : (fromConfig ?? fallback);
  if (!isDtype(dtype)) {
    throw new RerankerError('INVALID_OPTION', `dtype ${JSON.stringify(dtype)} is not one of ${DTYPES.join(', ')}`);
  }
  const fileName = `model${SUFFIX[dtype]}.onnx`;
  const chunks = externalChunkCount(config?.use_external_data_format, fileName);
  const externalData = Array.from({ length: chunks }, (_, i) => `onnx/${fileName}_data${i === 0 ? '' : `_${i}`}`);
  return { dtype, graph: `onnx/${fileName}`, externalData };
}

/** Narrows a string to a known dtype. */
export function isDtype(value: unknown): value is Dtype {
  return typeof value === 'string' && (DTYPES as readonly string[]).includes(value);
}

/** transformers.js's MAX_EXTERNAL_DATA_CHUNKS: more chunks than this is a broken config, not a model. */
const MAX_EXTERNAL_DATA_CHUNKS = 100;

function externalChunkCount(setting: TransformersJsConfig['use_external_data_format'], fileName: string): number {
  if (setting === undefined || setting === null) return 0;
  const value: unknown = typeof setting === 'object' ? (setting[fileName] ?? setting['model']) : setting;
  if (value === undefined || value === false) return 0;
  if (value === true) return 1;
  // A count from config.json is data, not code: 1e10 once reached Array.from as a RangeError.
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > MAX_EXTERNAL_DATA_CHUNKS) {
    throw new RerankerError(
      'MODEL_NOT_SUPPORTED',
      `config.json's transformers.js_config.use_external_data_format must be true, false or a chunk count from 0 to ${MAX_EXTERNAL_DATA_CHUNKS}, got ${typeof value === 'number' ? value : typeof value}`,
    );
  }
  return value;
}
