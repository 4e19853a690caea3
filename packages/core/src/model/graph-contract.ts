import type { RerankerKind } from '../api.js';
import type { OrtSession } from '../engine/ort.js';
import { RerankerError } from '../errors.js';

// The inputs each engine feeds (run-batch.ts, llm-batch.ts): a graph that needs any other input
// (position_ids, past_key_values.*) cannot be run by it.
const FED_INPUTS: Record<RerankerKind, readonly string[]> = {
  'cross-encoder': ['input_ids', 'attention_mask', 'token_type_ids'],
  llm: ['input_ids', 'attention_mask'],
  layerwise: ['input_ids', 'attention_mask'],
};

/** A graph output the engine of a kind scores from, and the rank its shape must have. */
interface ScoredOutput {
  name: string;
  rank: number;
  /** The size of the last axis, when it is fixed (a cross-encoder's one label). */
  last?: number;
  what: string;
}

/**
 * Checks, when the model is loaded, that the ONNX graph is the kind config.json says: its inputs
 * are ones the engine feeds, and the outputs it scores from have the right shape - a
 * cross-encoder's `logits` `[batch, 1]`, a decoder's `logits` `[batch, seq, vocab]` or
 * `yes_logits` `[batch, seq]`, a layerwise model's `layer_<k>_logits` `[batch, seq]`. Without it
 * a decoder graph in a cross-encoder folder scored (5.255: the first logit of the first token)
 * instead of failing. Shapes come from onnxruntime's metadata; where a runtime gives none, the
 * shape checks of each batch (run-batch.ts, llm-batch.ts) still apply.
 *
 * @example
 * checkGraphContract(session, 'cross-encoder', 'onnx/model.onnx'); // throws MODEL_NOT_SUPPORTED for a gemma graph
 */
function checkGraphContract(session: OrtSession, kind: RerankerKind, graph: string): void {
  const unfed = session.inputNames.filter((name) => !FED_INPUTS[kind].includes(name));
  if (unfed.length > 0) {
    throw new RerankerError('MODEL_NOT_SUPPORTED', `${graph} needs inputs ${unfed.join(', ')}, which a ${kind} reranker does not feed (is it the ONNX export of another kind of model?)`);
  }
  for (const output of scoredOutputs(session, kind)) {
    const meta = (session.outputMetadata as readonly OutputMeta[] | undefined)?.find((m) => m.name === output.name);
    const shape = meta?.isTensor ? meta.shape : undefined;
    if (!shape || shape.length === 0) continue; // unknown here: checked on each batch instead
    const last = shape[shape.length - 1];
    if (shape.length !== output.rank || (output.last !== undefined && typeof last === 'number' && last !== output.last)) {
      throw new RerankerError(
        'MODEL_NOT_SUPPORTED',
        `${graph}'s output ${output.name} has shape [${shape.join(', ')}], but a ${kind} reranker scores from ${output.what}; config.json and the ONNX graph describe different models`,
      );
    }
  }
}

interface OutputMeta {
  name: string;
  isTensor: boolean;
  shape?: readonly (number | string)[];
}

function scoredOutputs(session: OrtSession, kind: RerankerKind): ScoredOutput[] {
  const names = session.outputNames;
  switch (kind) {
    case 'cross-encoder': {
      // The output runCrossEncoderBatch reads: `logits`, else the first one.
      const name = names.includes('logits') ? 'logits' : names[0];
      return name === undefined ? [] : [{ name, rank: 2, last: 1, what: `${name} [batch, 1]` }];
    }
    case 'llm':
      if (names.includes('yes_logits')) return [{ name: 'yes_logits', rank: 2, what: 'yes_logits [batch, seq]' }];
      return names.includes('logits') ? [{ name: 'logits', rank: 3, what: 'logits [batch, seq, vocab]' }] : [];
    case 'layerwise':
      return names.filter((name) => /^layer_\d+_logits$/.test(name)).map((name) => ({ name, rank: 2, what: `${name} [batch, seq]` }));
  }
}

/** checkGraphContract on a session just opened; a session that fails it is released. */
export async function openedFor(session: OrtSession, kind: RerankerKind, graph: string): Promise<OrtSession> {
  try {
    checkGraphContract(session, kind, graph);
    return session;
  } catch (error) {
    await session.release();
    throw error;
  }
}
