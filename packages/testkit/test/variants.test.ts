// model_quantized.onnx and model_fp16.onnx: the hub's I/O contract, the node patterns of
// their conversions, and logits close to fp32.
//
// Measured on the tiny preset (20 batches x 24 random pairs, onnxruntime-node and -web):
//   q8   vs fp32: max |diff| 3.5e-2, Spearman >= 0.984 (logits spread: std 0.13, range +-0.55)
//   fp16 vs fp32: max |diff| 9.7e-4, Spearman >= 0.999
// The bounds below leave about 3x (q8) and 5x (fp16) margin.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureTinyModel, inspectOnnx, PRESETS, type InspectedModel } from '../src/index.js';
import {
  maxAbsDiff, nodeSession, padBatch, randomSequences, runNode, runWeb, spearman, webSession,
} from './helpers.js';

const FLOAT = 1;
const UINT8 = 2;
const INT64 = 7;
const FLOAT16 = 10;
const LAYERS = PRESETS.tiny.numHiddenLayers;

const TOLERANCE = { model_quantized: { diff: 0.1, spearman: 0.9 }, model_fp16: { diff: 5e-3, spearman: 0.98 } };

let dir = '';
const inspect = (file: string): InspectedModel => inspectOnnx(readFileSync(`${dir}/onnx/${file}.onnx`));
const count = (m: InspectedModel, op: string) => m.nodes.filter((n) => n.opType === op).length;
const isParam = (name: string) => /^(roberta|classifier)\./.test(name);

beforeAll(async () => {
  dir = await ensureTinyModel();
});

describe.each(['model', 'model_quantized', 'model_fp16'])('%s.onnx', (file) => {
  it('has the hub I/O contract: opset 17, IR 8, int64 ids/mask in, float32 logits out', () => {
    const m = inspect(file);
    expect(m.irVersion).toBe(8);
    expect(m.opsets).toEqual([{ domain: '', version: 17 }]);
    const dims = ['batch_size', 'sequence_length'];
    expect(m.inputs).toEqual([
      { name: 'input_ids', elemType: INT64, shape: dims },
      { name: 'attention_mask', elemType: INT64, shape: dims },
    ]);
    expect(m.outputs).toEqual([{ name: 'logits', elemType: FLOAT, shape: ['batch_size', 1] }]);
  });
});

describe('graph structure', () => {
  it('quantizes every constant-weight MatMul the way quantize_dynamic does', () => {
    const m = inspect('model_quantized');
    // 6 weight MatMuls per layer + classifier dense + out_proj; Q/K/V share one quantized input.
    expect(count(m, 'MatMulInteger')).toBe(6 * LAYERS + 2);
    expect(count(m, 'DynamicQuantizeLinear')).toBe(4 * LAYERS + 2);
    // Only the two activation x activation MatMuls of each attention stay float.
    expect(count(m, 'MatMul')).toBe(2 * LAYERS);
    for (const mmi of m.nodes.filter((n) => n.opType === 'MatMulInteger')) {
      const cast = m.nodes.find((n) => n.inputs[0] === mmi.outputs[0]);
      expect(cast?.opType).toBe('Cast');
      expect(cast?.attributes.to).toBe(FLOAT);
      const mul = m.nodes.find((n) => n.inputs[0] === cast?.outputs[0]);
      expect(mul?.opType).toBe('Mul');
      const scales = m.nodes.find((n) => n.outputs[0] === mul?.inputs[1]);
      expect(scales?.opType).toBe('Mul'); // activation scale x weight scale
      const weight = m.initializers.find((t) => t.name === mmi.inputs[1]);
      expect(weight?.dataType).toBe(UINT8);
    }
    // Word, position and token-type tables: uint8 rows gathered, then dequantized.
    const gathers = m.nodes.filter((n) => n.opType === 'Gather' && n.inputs[0]?.endsWith('_quantized'));
    expect(gathers).toHaveLength(3);
    for (const g of gathers) expect(m.nodes.find((n) => n.inputs[0] === g.outputs[0])?.opType).toBe('DequantizeLinear');
    const words = m.initializers.find((t) => t.name === 'roberta.embeddings.word_embeddings.weight_quantized');
    expect(words).toMatchObject({ dataType: UINT8, dims: [PRESETS.tiny.vocabSize, PRESETS.tiny.hiddenSize] });
  });

  it('stores fp16 parameters and computes in float16 (fp32 only around LayerNorm/Softmax)', () => {
    const m = inspect('model_fp16');
    const params = m.initializers.filter((t) => isParam(t.name));
    expect(params.length).toBeGreaterThan(0);
    for (const t of params) expect(t.dataType, t.name).toBe(FLOAT16);
    const matmuls = m.nodes.filter((n) => n.opType === 'MatMul');
    expect(matmuls).toHaveLength(8 * LAYERS + 2);
    expect(count(m, 'Cast')).toBeGreaterThan(0);
  });

  it('keeps every fp32 parameter in float32', () => {
    for (const t of inspect('model').initializers.filter((x) => isParam(x.name))) expect(t.dataType).toBe(FLOAT);
  });
});

describe.each(['model_quantized', 'model_fp16'] as const)('%s.onnx logits', (file) => {
  it(`stay within ${TOLERANCE[file].diff} of fp32 and keep the ranking (Spearman > ${TOLERANCE[file].spearman})`, async () => {
    const fp32 = await nodeSession(`${dir}/onnx/model.onnx`);
    const node = await nodeSession(`${dir}/onnx/${file}.onnx`);
    const web = await webSession(`${dir}/onnx/${file}.onnx`);
    for (const seed of [10, 11, 12]) {
      const batch = padBatch(randomSequences(seed, 24, PRESETS.tiny.vocabSize, 64));
      const reference = await runNode(fp32, batch);
      for (const logits of [await runNode(node, batch), await runWeb(web, batch)]) {
        expect(logits.every(Number.isFinite)).toBe(true);
        expect(maxAbsDiff(logits, reference)).toBeLessThan(TOLERANCE[file].diff);
        expect(spearman(logits, reference)).toBeGreaterThan(TOLERANCE[file].spearman);
      }
    }
    await Promise.all([fp32.release(), node.release(), web.release()]);
  });
});
