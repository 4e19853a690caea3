import { asRerankerError, RerankerError } from '../errors.js';
import type { OrtModule, OrtRunResult, OrtSession, OrtTensor } from './ort.js';

/**
 * Runs one padded batch through a cross-encoder session and returns column 0 of its logits, one
 * float per sequence. Padding is on the right with `padId` and mask 0, as FlagReranker's
 * `tokenizer.pad` does for XLM-R; the graph derives position ids from the pad id itself.
 */
export async function runCrossEncoderBatch(
  ort: OrtModule,
  session: OrtSession,
  sequences: readonly (readonly number[])[],
  paddedLength: number,
  padId: number,
): Promise<Float32Array> {
  const batch = sequences.length;
  const ids = new BigInt64Array(batch * paddedLength).fill(BigInt(padId));
  const mask = new BigInt64Array(batch * paddedLength);
  sequences.forEach((sequence, row) => {
    const offset = row * paddedLength;
    for (let i = 0; i < sequence.length; i++) {
      ids[offset + i] = BigInt(sequence[i] ?? padId);
      mask[offset + i] = 1n;
    }
  });
  const dims = [batch, paddedLength];
  const feeds: Record<string, OrtTensor> = {
    input_ids: new ort.Tensor('int64', ids, dims),
    attention_mask: new ort.Tensor('int64', mask, dims),
  };
  // Some BERT-style exports also take token_type_ids; XLM-R has one type, so zeros are exact.
  if (session.inputNames.includes('token_type_ids')) {
    feeds.token_type_ids = new ort.Tensor('int64', new BigInt64Array(batch * paddedLength), dims);
  }
  let outputs: OrtRunResult;
  try {
    outputs = await session.run(feeds);
  } catch (error) {
    throw asRerankerError(error, 'INFERENCE_FAILED', 'onnxruntime failed to run the model');
  }
  const logits = outputs.logits ?? outputs[session.outputNames[0] ?? ''];
  try {
    return firstColumn(logits, batch);
  } finally {
    for (const tensor of Object.values(outputs)) tensor.dispose();
  }
}

function firstColumn(logits: OrtTensor | undefined, batch: number): Float32Array {
  // A reranker has one label: anything but [batch, 1] is another model (a decoder's
  // [batch, seq, vocab] once scored its first logit), refused here too when no metadata told at load.
  if (!logits || logits.dims.length !== 2 || logits.dims[0] !== batch || logits.dims[1] !== 1) {
    throw new RerankerError('MODEL_NOT_SUPPORTED', `the model returned logits of shape [${logits?.dims.join(', ') ?? ''}], not [batch, 1]`);
  }
  const labels = 1;
  const data = toFloat32(logits);
  const scores = new Float32Array(batch);
  for (let row = 0; row < batch; row++) scores[row] = data[row * labels] ?? Number.NaN;
  return scores;
}

/** A float32 or float16 output as float32: fp16 exports may return float16 logits (Float16Array is not everywhere yet). */
export function toFloat32(tensor: OrtTensor): Float32Array {
  if (tensor.type === 'float32') return tensor.data as Float32Array;
  if (tensor.type === 'float16') {
    // onnxruntime hands out a Float16Array where the platform has one, raw bits elsewhere.
    const data = tensor.data as unknown;
    return data instanceof Uint16Array ? float16ToFloat32(data) : Float32Array.from(data as ArrayLike<number>);
  }
  throw new RerankerError('MODEL_NOT_SUPPORTED', `logits of type ${tensor.type} are not supported`);
}

/** IEEE 754 half → single precision, exact. */
function float16ToFloat32(halves: Uint16Array): Float32Array {
  const out = new Float32Array(halves.length);
  for (let i = 0; i < halves.length; i++) {
    const h = halves[i] ?? 0;
    const sign = h & 0x8000 ? -1 : 1;
    const exponent = (h >> 10) & 0x1f;
    const fraction = h & 0x3ff;
    if (exponent === 0) out[i] = sign * 2 ** -14 * (fraction / 1024);
    else if (exponent === 31) out[i] = fraction ? Number.NaN : sign * Infinity;
    else out[i] = sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
  }
  return out;
}
