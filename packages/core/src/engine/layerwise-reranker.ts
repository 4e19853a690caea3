import { assertCallAlive } from './call-guard.js';
import type { EngineWarning, Pair, ScoreOptions } from '../api.js';
import { RerankerError } from '../errors.js';
import { selectCutoffLayers, type LayerRange } from './cutoff-layers.js';
import { layerOutputName, type LayerSessions } from './layer-sessions.js';
import { bosIds } from './llm-inputs.js';
import { LLM_MIN_MAX_LENGTH, type LlmModelParts } from './llm-parts.js';
import { batchReporter, normalized, runLlmSequences } from './llm-run.js';
import { buildLlmSequences } from './llm-sequences.js';
import { resolveOptions, type ResolvedOptions } from './resolve-options.js';
import { readPairsInput } from './pairs.js';
import { RerankerFacade } from './reranker-facade.js';
import { RunQueue } from './run-queue.js';
import type { EngineScores, ScoreControl } from './scorer.js';

/** A layerwise model's sessions, its layer range (config.json) and where warnings go. */
export interface LayerwiseParts extends LlmModelParts {
  sessions: LayerSessions;
  range: LayerRange;
  /** Told when cutoff layers are dropped as out of range (FlagEmbedding logs a warning). */
  onWarning?: ((warning: EngineWarning) => void) | undefined;
}

/** Scores per layer: `scores[i]` holds one score per pair for layer `layers[i]`. */
export interface LayerScores extends EngineScores {
  layers: number[];
  scores: Float64Array[];
}

/**
 * A layerwise LLM reranker (bge-reranker-v2-minicpm-layerwise) scoring like FlagEmbedding's
 * `LayerWiseFlagLLMReranker.compute_score`: the LLM recipe with bos always prepended, and one
 * score per requested layer - head k applied to the hidden state after layer k, at the last
 * real token. Only the layers up to the deepest requested one are computed: the session comes
 * from the graph cut there (see LayerSessions).
 *
 * Result shapes follow FlagEmbedding: one layer gives a flat list (a number for one pair);
 * several give one list per layer in ascending order (one number per layer for one pair).
 *
 * @example
 * const last = await reranker.computeScore(pairs);                          // number[], layer num_hidden_layers
 * const two = await reranker.computeScore(pairs, { cutoffLayers: [28, 40] }); // number[][]: [layer 28, layer 40]
 */
export class LayerwiseReranker extends RerankerFacade {
  readonly kind = 'layerwise' as const;
  private readonly queue = new RunQueue();
  private readonly bos: number[];
  private disposed = false;

  private readonly parts: LayerwiseParts;

  constructor(parts: LayerwiseParts) {
    super();
    this.parts = parts;
    this.bos = bosIds('layerwise', parts.bosTokenId, parts.padTokenId);
  }

  scoreLists(options: ScoreOptions | undefined): number {
    this.checkAlive();
    return this.selectLayers(this.resolve(options), false).length;
  }

  /**
   * Scores checked pairs for every selected layer, as typed arrays (cheap to transfer across a
   * worker boundary): the engine contract (PairScorer). `control.isCancelled` is asked between
   * batches: a true answer stops with `ABORTED`; `control.onBatch` hears each finished batch.
   */
  async scoreLayers(pairs: readonly Pair[], options?: ScoreOptions, control?: ScoreControl): Promise<LayerScores> {
    this.checkAlive();
    const opts = this.resolve(options);
    const layers = this.selectLayers(opts);
    const sequences = this.buildSequences(pairs, opts);
    // Options checked, nothing to run: no session (and no graph cut) for an empty list.
    if (sequences.length === 0) return { layers, scores: layers.map(() => new Float64Array(0)) };
    const { ort, sessions, padTokenId, paddingSide } = this.parts;
    const raw = await this.queue.enqueue(async () => {
      this.checkAlive(control?.isCancelled);
      const session = await sessions.sessionFor(Math.max(...layers));
      return runLlmSequences(sequences, {
        ort, session, outputs: layers.map((layer) => ({ name: layerOutputName(layer) })), padId: padTokenId ?? 0, paddingSide,
        batchSize: opts.batchSize, maxBatchTokens: opts.maxBatchTokens,
        beforeBatch: () => this.checkAlive(control?.isCancelled),
        afterBatch: batchReporter(control, sequences.length, opts.normalize),
      });
    });
    return { layers, scores: raw.map((layer) => Float64Array.from(layer, (x) => normalized(x, opts.normalize))) };
  }

  countTokens(text: string): number {
    return this.parts.tokenizer.encode(text).length;
  }

  /** The model input ids of each pair, unpadded, exactly as LayerWiseFlagLLMReranker feeds them. */
  encodePairs(pairs: readonly Pair[], options?: ScoreOptions): number[][] {
    this.checkAlive();
    return this.buildSequences(readPairsInput(pairs).pairs, this.resolve(options));
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    await this.queue.enqueue(() => this.parts.sessions.release());
  }

  // `warn` false: a check before scoring (rank), whose call warns once when it scores.
  private selectLayers(opts: ResolvedOptions, warn = true): number[] {
    const { layers, dropped } = selectCutoffLayers(opts.cutoffLayers, this.parts.range);
    if (warn && dropped.length > 0) {
      const { startLayer, numHiddenLayers } = this.parts.range;
      this.parts.onWarning?.({
        code: 'CUTOFF_LAYERS_DROPPED',
        message: `cutoff ${dropped.length === 1 ? 'layer' : 'layers'} ${dropped.join(', ')} outside [${startLayer}, ${numHiddenLayers}] dropped; scoring ${layers.length === 1 ? 'layer' : 'layers'} ${layers.join(', ')}`,
      });
    }
    const missing = layers.filter((layer) => !this.parts.sessions.available.includes(layer));
    if (missing.length > 0) {
      throw new RerankerError(
        'INVALID_OPTION',
        `this ONNX export has no output for layer ${missing.join(', ')} (it scores layers ${this.parts.sessions.available.join(', ')})`,
      );
    }
    return layers;
  }

  private resolve(options: ScoreOptions | undefined): ResolvedOptions {
    return resolveOptions(this.parts.defaults, options, LLM_MIN_MAX_LENGTH, 'layerwise');
  }

  private buildSequences(pairs: readonly Pair[], opts: ResolvedOptions): number[][] {
    return buildLlmSequences(this.parts.tokenizer, this.bos, pairs, opts, this.parts.maxSequenceLength);
  }

  private checkAlive(isCancelled?: () => boolean): void {
    assertCallAlive(this.disposed, isCancelled);
  }
}
