// float16 parameters and float16 compute, like the hub's onnx/model_fp16.onnx (converted with
// onnxconverter-common's float16 pass, keep_io_types): int64 ids in, float32 logits out.
//
// Measured with onnxruntime-node 1.30 (CPU EP) and onnxruntime-web 1.30 (wasm) in Node: float16
// MatMul/Add/Mul/Div/Sub/Erf/Tanh/Gather/LayerNormalization/Softmax graphs load and run on both,
// so this file computes in float16 instead of storing float16 weights behind Casts. (On an x86
// CPU, onnxruntime's CastFloat16Transformer and FuseFp16InitializerToFp32NodeTransformer then
// wrap the nodes it has no float16 kernel for in Casts: the arithmetic is float32 there, the
// file is still the float16 graph that GPU backends run natively.) LayerNormalization and the
// masked Softmax run in float32 islands (xlmr-graph.ts), as mixed-precision practice does: the
// float32 mask value is not representable in float16, and the variance sum stays in range.
import type { Emitter } from './emitter.js';
import type { GraphBuilder } from './graph-builder.js';
import { toFloat16 } from './half.js';
import { DataType } from './onnx-proto.js';
import type { Param } from './weights.js';

function half(g: GraphBuilder, p: Param): string {
  return g.tensor(p.name, DataType.FLOAT16, p.dims, toFloat16(p.data));
}

export const fp16Emitter: Emitter = {
  compute: DataType.FLOAT16,
  embedding(g, table, indices, scope) {
    return g.op('Gather', `${scope}/Gather`, [half(g, table), indices]);
  },
  linear(g, x, weight, bias, scope) {
    const mm = g.op('MatMul', `${scope}/MatMul`, [x, half(g, weight)]);
    return g.op('Add', `${scope}/Add`, [half(g, bias), mm]);
  },
  vector(g, param) {
    return g.op('Cast', `${param.name}/Cast`, [half(g, param)], [{ name: 'to', int: DataType.FLOAT }]);
  },
};
