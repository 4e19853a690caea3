import { readFileSync } from 'node:fs';
import { inspectOnnx } from '@webrerank/testkit';
import * as ort from 'onnxruntime-web';
import { describe, expect, it } from 'vitest';
import { readOnnxModel } from '../src/model/onnx/onnx-graph.js';
import { pruneOnnxModel } from '../src/model/onnx/prune.js';
import { readFields } from '../src/model/onnx/wire.js';
import { encodeVarint } from '../src/model/onnx/wire-writer.js';
import { field, floatValue, message, node, varintField } from './helpers/proto.js';
import { REFERENCE_DIR } from './helpers/reference.js';

const MINICPM = new Uint8Array(readFileSync(`${REFERENCE_DIR}minicpm-layerwise-tiny/onnx/model.onnx`));
const LAYERS = [2, 3, 4, 5, 6].map((k) => `layer_${k}_logits`);

describe('pruneOnnxModel on the layerwise reference graph', () => {
  it('keeping every output copies the file byte for byte (nothing re-encoded)', () => {
    expect(Buffer.from(pruneOnnxModel(MINICPM, LAYERS)).equals(Buffer.from(MINICPM))).toBe(true);
  });

  it('cut after layer 3: outputs 2 and 3 only, fewer nodes and initializers, inputs kept, nothing dangling', () => {
    const full = inspectOnnx(MINICPM);
    const cut = inspectOnnx(pruneOnnxModel(MINICPM, LAYERS.slice(0, 2)));
    expect(cut.outputs.map((o) => o.name)).toEqual(['layer_2_logits', 'layer_3_logits']);
    expect(cut.inputs.map((i) => i.name)).toEqual(['input_ids', 'attention_mask']);
    expect(cut.opsets).toEqual(full.opsets);
    expect(cut.nodes.length).toBeLessThan(full.nodes.length * 0.6);
    expect(cut.initializers.length).toBeLessThan(full.initializers.length);
    // Every value a kept node reads is produced by a kept node, an initializer or an input.
    const known = new Set([...cut.inputs.map((i) => i.name), ...cut.initializers.map((t) => t.name), ...cut.nodes.flatMap((n) => n.outputs), '']);
    expect(cut.nodes.flatMap((n) => n.inputs).filter((name) => !known.has(name))).toEqual([]);
    // Kept nodes and initializers appear in their original order, with their original content.
    const fullNames = full.nodes.map((n) => n.name);
    const positions = cut.nodes.map((n) => fullNames.indexOf(n.name));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(cut.initializers).toEqual(full.initializers.filter((t) => cut.initializers.some((c) => c.name === t.name)));
  });

  it('a cut graph computes the same layer outputs as the full one', async () => {
    ort.env.wasm.numThreads = 1;
    const ids = BigInt64Array.from([1n, 634n, 283n, 1733n, 600n, 579n, 643n, 320n]);
    const feeds = (): Record<string, ort.Tensor> => ({
      input_ids: new ort.Tensor('int64', ids, [1, 8]),
      attention_mask: new ort.Tensor('int64', new BigInt64Array(8).fill(1n), [1, 8]),
    });
    const full = await ort.InferenceSession.create(MINICPM);
    const cut = await ort.InferenceSession.create(pruneOnnxModel(MINICPM, ['layer_4_logits']));
    try {
      expect(cut.outputNames).toEqual(['layer_4_logits']);
      const [a, b] = [await full.run(feeds()), await cut.run(feeds())];
      expect(Array.from(b.layer_4_logits!.data as Float32Array)).toEqual(Array.from(a.layer_4_logits!.data as Float32Array));
    } finally {
      await Promise.all([full.release(), cut.release()]);
    }
  });

  it('names a missing output, and rejects bytes that are not protobuf, with MODEL_NOT_SUPPORTED', () => {
    expect(() => pruneOnnxModel(MINICPM, ['layer_9_logits'])).toThrow(expect.objectContaining({ code: 'MODEL_NOT_SUPPORTED', message: expect.stringMatching(/no output layer_9_logits/) as unknown }));
    expect(() => pruneOnnxModel(Uint8Array.from([0x0a, 0x7f, 0x01]), ['x'])).toThrow(expect.objectContaining({ code: 'MODEL_NOT_SUPPORTED' }));
    expect(() => pruneOnnxModel(Uint8Array.from([0x0b]), ['x'])).toThrow(/wire type 3/);
  });
});

describe('pruneOnnxModel on hand-built graphs', () => {
  // a -> A -> b -> B -> out1;  a -> C -> c -> D -> out2;  If(cond) whose branch reads c -> out3.
  const branch = message(field(1, node('Identity', ['c'], ['branch_out'])), field(12, floatValue('branch_out', ['n'])));
  const ifNode = node('If', ['cond'], ['out3'], [message(field(1, 'then_branch'), field(6, branch), varintField(20, 5))]);
  const graph = message(
    field(1, node('Relu', ['a'], ['b'])),
    field(1, node('Neg', ['b'], ['out1'])),
    field(1, node('Abs', ['a'], ['c'])),
    field(1, node('Neg', ['c'], ['out2'])),
    field(1, node('Not', ['flag'], ['cond'])),
    field(1, ifNode),
    field(2, 'g'),
    field(5, message(field(8, 'unused_weight'), varintField(2, 1))),
    field(11, floatValue('a', ['n'])),
    field(11, floatValue('unused_weight', ['n'])),
    field(11, floatValue('flag', ['n'])),
    field(12, floatValue('out1', ['n'])),
    field(12, floatValue('out2', ['n'])),
    field(12, floatValue('out3', ['n'])),
    field(13, floatValue('b', ['n'])),
    field(13, floatValue('c', ['n'])),
    field(99, 'an unknown graph field'),
  );
  const model = message(varintField(1, 8), field(7, graph), field(8, message(varintField(2, 17))), field(123, 'an unknown model field'));

  const kinds = (bytes: Uint8Array): string[] => readOnnxModel(bytes).graph.map((e) => `${e.kind}:${e.name || e.outputs.join(',')}`);

  it('keeps what one output needs, drops unused initializers with their input entries, keeps unknown fields', () => {
    const cut = pruneOnnxModel(model, ['out1']);
    expect(kinds(cut)).toEqual(['node:b', 'node:out1', 'other:', 'input:a', 'input:flag', 'output:out1', 'value_info:b', 'other:']);
    const top = readFields(cut).map((f) => f.field);
    expect(top).toEqual([1, 7, 8, 123]);
  });

  it('follows values a subgraph reads from the outer scope', () => {
    expect(kinds(pruneOnnxModel(model, ['out3']))).toEqual([
      'node:c', 'node:cond', 'node:out3', 'other:', 'input:a', 'input:flag', 'output:out3', 'value_info:c', 'other:',
    ]);
  });

  it('encodes varints of any size it may meet', () => {
    expect(encodeVarint(0)).toEqual([0]);
    expect(encodeVarint(300)).toEqual([0xac, 0x02]);
    expect(encodeVarint(2 ** 40)).toEqual([0x80, 0x80, 0x80, 0x80, 0x80, 0x20]);
  });
});
