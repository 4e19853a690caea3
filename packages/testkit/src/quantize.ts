// Per-tensor asymmetric uint8 weight quantization, as onnxruntime.quantization.quantize_dynamic
// does with weight_type=QUInt8, per_channel=False, reduce_range=False (the settings of the
// Xenova/*-quantized exports): the range is widened to include 0 so that 0 is exact.

export interface QuantizedTensor {
  readonly data: Uint8Array;
  readonly scale: number;
  readonly zeroPoint: number;
}

/** numpy.round semantics (half to even), which onnxruntime's quantizer uses. */
function roundHalfEven(x: number): number {
  const r = Math.round(x); // ties go up; pull odd ties back down
  return r - x === 0.5 && (r & 1) !== 0 ? r - 1 : r;
}

export function quantizeUint8(values: Float32Array): QuantizedTensor {
  let min = 0;
  let max = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const scale = Math.fround(max > min ? (max - min) / 255 : 1);
  const zeroPoint = Math.min(255, Math.max(0, roundHalfEven(-min / scale)));
  const data = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) {
    // float32 division, then round: what numpy computes for (arr / scale).round().
    const q = roundHalfEven(Math.fround((values[i] as number) / scale)) + zeroPoint;
    data[i] = q < 0 ? 0 : q > 255 ? 255 : q;
  }
  return { data, scale, zeroPoint };
}
