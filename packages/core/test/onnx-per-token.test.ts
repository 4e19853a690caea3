import { readFileSync } from 'node:fs';
import { inspectOnnx } from '@webrerank/testkit';
import * as ort from 'onnxruntime-web';
import { describe, expect, it } from 'vitest';
import { float32Raw, initializerField, TensorType } from '../src/model/onnx/encode.js';
import { quantizeActivationsPerToken } from '../src/model/onnx/per-token-quant.js';
import { field, floatValue, message, node, varintField } from './helpers/proto.js';
import { REFERENCE_DIR } from './helpers/reference.js';

ort.env.wasm.numThreads = 1;
const XLMR_Q8 = new Uint8Array(readFileSync(`${REFERENCE_DIR}xlmr-tiny/onnx/model_quantized.onnx`));

describe('quantizeActivationsPerToken on the quantize_dynamic export of xlmr-tiny', () => {
  const { bytes, rewritten, kept } = quantizeActivationsPerToken(XLMR_Q8);

  it('rewrites all 10 DynamicQuantizeLinear nodes; every MatMulInteger reads A without a zero point', () => {
    expect({ rewritten, kept }).toEqual({ rewritten: 10, kept: 0 });
    const model = inspectOnnx(bytes);
    expect(model.nodes.filter((n) => n.opType === 'DynamicQuantizeLinear')).toEqual([]);
    // 14 products of activations, and 14 of a row of ones (the weights' column sums).
    const matmuls = model.nodes.filter((n) => n.opType === 'MatMulInteger');
    expect(matmuls).toHaveLength(28);
    for (const m of matmuls) expect(m.inputs[2]).toBe('');
    expect(matmuls.filter((m) => m.inputs[0]!.startsWith('webrerank/per_token/ones_'))).toHaveLength(14);
    // Nothing dangling: every input is produced by a node, an initializer or a graph input.
    const known = new Set([...model.inputs.map((i) => i.name), ...model.initializers.map((t) => t.name), ...model.nodes.flatMap((n) => n.outputs), '']);
    expect(model.nodes.flatMap((n) => n.inputs).filter((name) => !known.has(name))).toEqual([]);
  });

  it('one token is one row: the same logit, bit for bit, as the exported per-tensor graph', async () => {
    const [exported, perToken] = await Promise.all([ort.InferenceSession.create(XLMR_Q8), ort.InferenceSession.create(bytes)]);
    try {
      for (const id of [0n, 5n, 1234n]) {
        const feeds = (): Record<string, ort.Tensor> => ({
          input_ids: new ort.Tensor('int64', BigInt64Array.of(id), [1, 1]),
          attention_mask: new ort.Tensor('int64', BigInt64Array.of(1n), [1, 1]),
        });
        const [a, b] = [await exported.run(feeds()), await perToken.run(feeds())];
        expect(b.logits!.data[0]).toBe(a.logits!.data[0]);
      }
    } finally {
      await Promise.all([exported.release(), perToken.release()]);
    }
  });

  it('leaves a graph without DynamicQuantizeLinear (fp32) as it is', () => {
    const fp32 = new Uint8Array(readFileSync(`${REFERENCE_DIR}xlmr-tiny/onnx/model.onnx`));
    const result = quantizeActivationsPerToken(fp32);
    expect(result).toMatchObject({ rewritten: 0, kept: 0 });
    expect(result.bytes).toBe(fp32);
  });
});

// x [rows, 3] -> DynamicQuantizeLinear -> MatMulInteger(W [3, 2], w_zp) -> Cast -> Mul(x_scale * w_scale)
function linearModel(opset: number, wZeroPoint: number[], extraUse: boolean): Uint8Array {
  const W = Uint8Array.of(10, 200, 130, 0, 255, 77);
  const uint8 = (name: string, dims: number[], data: number[]): Uint8Array => initializerField(name, TensorType.UINT8, dims, Uint8Array.from(data));
  const graph = message(
    field(1, node('DynamicQuantizeLinear', ['x'], ['xq', 'xs', 'xz'])),
    field(1, node('Mul', ['xs', 'ws'], ['s'])),
    field(1, node('MatMulInteger', ['xq', 'W', 'xz', 'wz'], ['acc'])),
    field(1, node('Cast', ['acc'], ['accf'], [message(field(1, 'to'), varintField(3, 1), varintField(20, 2))])),
    field(1, node('Mul', ['accf', 's'], ['y'])),
    ...(extraUse ? [field(1, node('Cast', ['xq'], ['xqf'], [message(field(1, 'to'), varintField(3, 1), varintField(20, 2))]))] : []),
    field(2, 'linear'),
    uint8('W', [3, 2], [...W]),
    uint8('wz', wZeroPoint.length === 1 ? [] : [2], wZeroPoint),
    initializerField('ws', TensorType.FLOAT, [], float32Raw([0.02])),
    field(11, floatValue('x', ['rows', '3'])),
    field(12, floatValue('y', ['rows', '2'])),
    ...(extraUse ? [field(12, floatValue('xqf', ['rows', '3']))] : []),
  );
  return message(varintField(1, 8), field(7, graph), field(8, message(varintField(2, opset))));
}

// DynamicQuantizeLinear's arithmetic on one row, in float32, rounding half to even.
function expectedRow(x: number[], wZeroPoint: number[]): number[] {
  const f = Math.fround;
  const roundEven = (v: number): number => (Math.abs(v % 1) === 0.5 ? 2 * Math.round(v / 2) : Math.round(v));
  const clamp = (v: number): number => Math.min(255, Math.max(0, v));
  const lo = Math.min(0, ...x);
  const hi = Math.max(0, ...x);
  const scale = f(f(hi - lo) / 255);
  const zp = clamp(roundEven(f(-lo / scale)));
  const q = x.map((v) => clamp(roundEven(f(f(v) / scale)) + zp));
  const W = [[10, 200], [130, 0], [255, 77]];
  return [0, 1].map((n) => {
    const wz = wZeroPoint[n] ?? wZeroPoint[0] ?? 0;
    const acc = q.reduce((sum, qk, k) => sum + (qk - zp) * ((W[k]?.[n] ?? 0) - wz), 0);
    return f(f(acc) * f(scale * f(0.02)));
  });
}

describe('quantizeActivationsPerToken on a hand-built linear layer', () => {
  // Rows of very different ranges: one scale for both would quantize the small row coarsely.
  const rows = [[0.5, -1.25, 2], [0.001, 0.003, -0.002]];

  it.each([
    ['opset 17 (Reduce axes as attributes), scalar weight zero point', 17, [128]],
    ['opset 18 (Reduce axes as inputs), per-column weight zero points', 18, [120, 3]],
  ])('%s: each row quantized on its own, exactly', async (_, opset, wZeroPoint) => {
    const { bytes, rewritten } = quantizeActivationsPerToken(linearModel(opset, wZeroPoint, false));
    expect(rewritten).toBe(1);
    const session = await ort.InferenceSession.create(bytes);
    try {
      const { y } = await session.run({ x: new ort.Tensor('float32', Float32Array.from(rows.flat()), [2, 3]) });
      expect(Array.from(y!.data as Float32Array)).toEqual(rows.flatMap((row) => expectedRow(row, wZeroPoint)));
    } finally {
      await session.release();
    }
  });

  it('keeps a DynamicQuantizeLinear whose output feeds anything but MatMulInteger, byte for byte', () => {
    const model = linearModel(17, [128], true);
    const result = quantizeActivationsPerToken(model);
    expect(result).toMatchObject({ rewritten: 0, kept: 1 });
    expect(result.bytes).toBe(model);
  });
});
