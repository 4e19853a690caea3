import type { Reranker, RerankerKind } from '../api.js';
import type { CrossEncoder } from '../engine/cross-encoder.js';
import type { DecoderReranker } from '../engine/decoder-reranker.js';
import type { LayerwiseReranker } from '../engine/layerwise-reranker.js';
import type { OrtModule } from '../engine/ort.js';
import { resolveOptions } from '../engine/resolve-options.js';
import { RerankerError } from '../errors.js';
import { crossEncoderFromConfig } from './load-cross-encoder.js';
import { decoderFromConfig, layerwiseFromConfig } from './load-llm.js';
import { checkModelLoadOptions, type LoadModelOptions } from './loader-options.js';
import { detectModelKind, RERANKER_KINDS } from './model-kind.js';
import { readJson, type ModelSource } from './source.js';

/** Any engine `loadModel` returns; narrow on `kind` for kind-specific methods. */
export type AnyReranker = CrossEncoder | DecoderReranker | LayerwiseReranker;

/** The engine type of each kind. */
export interface RerankerOfKind {
  'cross-encoder': CrossEncoder;
  llm: DecoderReranker;
  layerwise: LayerwiseReranker;
}

/**
 * What `loadModel` gives when the kind is not known statically: the common API plus `kind` and
 * `encodePairs`. Every engine also has `scoreLayers` (the engine contract, engine/scorer.ts); narrow with
 * `instanceof` (or `kind`) for what only one kind has (LayerwiseReranker.scoreLayers names its layers).
 */
export interface LoadedReranker extends Reranker {
  readonly kind: RerankerKind;
  encodePairs: AnyReranker['encodePairs'];
}

/**
 * Loads any FlagEmbedding reranker folder - cross-encoder, decoder LLM (gemma) or layerwise
 * (minicpm) - from a source into the matching engine, choosing by config.json's `architectures`
 * unless `kind` says otherwise. Every engine has the same `computeScore`.
 *
 * @example
 * import * as ort from 'onnxruntime-web';
 * const reranker = await loadModel(ort, httpSource('https://example.com/bge-reranker-v2-gemma'));
 * const scores = await reranker.computeScore([['what is panda?', 'The giant panda is a bear.']]);
 */
export async function loadModel<K extends RerankerKind>(ort: OrtModule, source: ModelSource, options: LoadModelOptions & { kind: K }): Promise<RerankerOfKind[K]>;
export async function loadModel(ort: OrtModule, source: ModelSource, options?: LoadModelOptions): Promise<LoadedReranker>;
export async function loadModel(ort: OrtModule, source: ModelSource, options: LoadModelOptions = {}): Promise<AnyReranker> {
  checkModelLoadOptions(options, 'loadModel options');
  if (options.kind !== undefined && !RERANKER_KINDS.includes(options.kind)) {
    throw new RerankerError('INVALID_OPTION', `kind must be one of ${RERANKER_KINDS.join(', ')}, got ${JSON.stringify(options.kind)}`);
  }
  const config = await readJson(source, 'config.json');
  const kind = options.kind ?? detectModelKind(config);
  // Bad defaults fail the load rather than every later call. The real floor of maxLength needs
  // the tokenizer's special tokens, so each call still checks that one.
  resolveOptions(options.defaults, undefined, 1, kind);
  switch (kind) {
    case 'cross-encoder':
      return crossEncoderFromConfig(ort, source, config, options, options.kind === undefined);
    case 'llm':
      return decoderFromConfig(ort, source, config, options);
    case 'layerwise':
      return layerwiseFromConfig(ort, source, config, options);
  }
}
