// The public surface of @webrerank/core, named one by one (no `export *`): everything else is internal.
export type { Pair, Reranker, ScoreOptions } from './api.js';
export { RerankerError, type RerankerErrorCode } from './errors.js';
export { CrossEncoder } from './engine/cross-encoder.js';
export type { OrtModule } from './engine/ort.js';
export { loadCrossEncoder, type LoadCrossEncoderOptions } from './model/load-cross-encoder.js';
export { httpSource, type FetchLike } from './model/http-source.js';
export type { ModelSource } from './model/source.js';
export { DTYPES, type Dtype } from './model/dtype.js';
