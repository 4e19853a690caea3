// The public surface of @webrerank/core, named one by one (no `export *`): everything else is internal.
// Browser: createReranker runs the model in a Web Worker (see ./worker for the worker side).
export { createReranker, type BrowserReranker } from './browser/create-reranker.js';
export type { CreateRerankerOptions, CallOptions, RankOptions } from './browser/create-options.js';
export type { RankCallOptions, RankCascade, RankDocument, RankLimits, RankResult, ScoringProgress } from './api.js';
export { cascade, type CascadeOptions, type CascadeRankOptions, type RerankerCascade } from './engine/cascade.js';
export { isCached, evict, type CachedModelQuery } from './browser/cache.js';
export type { RerankerInfo } from './boundary/worker-api.js';
export type { RerankerEvent, ProgressEvent, WarningEvent, DeviceEvent } from './protocol.js';
// The engine itself, for any runtime that brings its own onnxruntime module.
export type { EngineWarning, LayerListOptions, Pair, Reranker, RerankerKind, ScoreOptions } from './api.js';
export { RerankerError, type RerankerErrorCode } from './errors.js';
export { CrossEncoder } from './engine/cross-encoder.js';
export { DecoderReranker } from './engine/decoder-reranker.js';
export { LayerwiseReranker, type LayerScores } from './engine/layerwise-reranker.js';
export type { OrtModule } from './engine/ort.js';
export { loadCrossEncoder } from './model/load-cross-encoder.js';
export { loadModel, type AnyReranker, type LoadedReranker, type RerankerOfKind } from './model/load-model.js';
export type { LoadCrossEncoderOptions, LoadModelOptions } from './model/loader-options.js';
export { httpSource, type FetchLike } from './model/http-source.js';
export type { ModelSource } from './model/source.js';
export { DTYPES, type Dtype } from './model/dtype.js';
// Evaluation, platform-neutral: trec_eval's measures, BEIR folders, the seed's jsonl format and the
// rerank loop that `webrerank eval` and the demo's Evaluate page both run. (The BM25 first stage,
// eval/bm25-first-stage.ts, stays off this entry: minisearch belongs to @webrerank/core/search.)
export { parseQrels, parseRun, type Judgment, type Qrels, type Run, type RunEntry } from './eval/trec-files.js';
export { DEFAULT_MEASURES, evaluateRun, parseMeasures, type Evaluation, type Measure, type MeasureValues } from './eval/trec-measures.js';
export { formatTrecEval } from './eval/trec-format.js';
export { formatComparison } from './eval/compare-format.js';
export { streamChunks, textLines, type TextLine } from './eval/text-lines.js';
export { beirDocuments, beirPassage, parseBeirQrels, readBeirCorpus, readBeirQueries, type BeirDocument } from './eval/beir-files.js';
export { cutRun, formatRunLines, trecOrder } from './eval/run-order.js';
export { checkCorpusCovers, neededDocnos, rerankTasks } from './eval/rerank-tasks.js';
export { rerankRun, type RerankedQuery, type RerankRunOptions, type RerankTask, type ScoreCache } from './eval/rerank-run.js';
export type { EvalProgress } from './eval/eval-progress.js';
export { readSeedExamples, type SeedExample } from './eval/seed-examples.js';
export { evaluateSeed, seedLineMetrics, summarizeSeed, type SeedEvalOptions, type SeedLineResult, type SeedSummary } from './eval/seed-eval.js';
// How trec_eval prints a value (the demo's Evaluate page shows them as the CLI prints them).
export { printf4 } from './eval/trec-format.js';
export { isCount } from './eval/trec-measures.js';
