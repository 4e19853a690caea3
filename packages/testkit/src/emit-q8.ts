// Dynamic uint8 quantization in the node pattern of onnxruntime's quantize_dynamic
// (checked against reference/xlmr-tiny/onnx/model_quantized.onnx):
//   x -> DynamicQuantizeLinear -> (x_q, x_scale, x_zp)
//   MatMulInteger(x_q, W_q, x_zp, W_zp) -> Cast(float) -> Mul(., Mul(x_scale, W_scale)) -> Add bias
// Embedding tables are stored as uint8 and dequantized after the Gather, as quantize_dynamic
// does for every Gather over a constant table. Biases and LayerNorm stay float32.
import type { Emitter } from './emitter.js';
import type { GraphBuilder } from './graph-builder.js';
import { DataType } from './onnx-proto.js';
import { quantizeUint8 } from './quantize.js';
import type { Param } from './weights.js';

function quantizedParam(g: GraphBuilder, p: Param): { data: string; scale: string; zeroPoint: string } {
  const q = quantizeUint8(p.data);
  return {
    data: g.tensor(`${p.name}_quantized`, DataType.UINT8, p.dims, q.data),
    scale: g.float(`${p.name}_scale`, [], [q.scale]),
    zeroPoint: g.tensor(`${p.name}_zero_point`, DataType.UINT8, [], Uint8Array.of(q.zeroPoint)),
  };
}

/** A fresh emitter per graph: it remembers which activations already have a quantized copy. */
export function createQ8Emitter(): Emitter {
  // Q, K and V read the same activation; quantize_dynamic quantizes it once and shares it.
  const quantizedActivations = new Map<string, string[]>();
  const quantizeActivation = (g: GraphBuilder, x: string): string[] => {
    let outs = quantizedActivations.get(x);
    if (outs === undefined) {
      outs = g.node('DynamicQuantizeLinear', `${x}_QuantizeLinear`, [x], [], 3);
      quantizedActivations.set(x, outs);
    }
    return outs;
  };

  return {
    compute: DataType.FLOAT,
    embedding(g, table, indices, scope) {
      const q = quantizedParam(g, table);
      const gathered = g.op('Gather', `${scope}/Gather`, [q.data, indices]);
      return g.op('DequantizeLinear', `${scope}/Gather_DequantizeLinear`, [gathered, q.scale, q.zeroPoint]);
    },
    linear(g, x, weight, bias, scope) {
      const [xq, xScale, xZeroPoint] = quantizeActivation(g, x) as [string, string, string];
      const w = quantizedParam(g, weight);
      const scales = g.op('Mul', `${scope}/MatMul_quant_scales_mul`, [xScale, w.scale]);
      const acc = g.op('MatMulInteger', `${scope}/MatMul_quant`, [xq, w.data, xZeroPoint, w.zeroPoint]);
      const accFloat = g.op('Cast', `${scope}/MatMul_quant_cast`, [acc], [{ name: 'to', int: DataType.FLOAT }]);
      const mm = g.op('Mul', `${scope}/MatMul_quant_output_scale_mul`, [accFloat, scales]);
      const b = g.tensor(bias.name, DataType.FLOAT, bias.dims, bias.data);
      return g.op('Add', `${scope}/Add`, [b, mm]);
    },
    vector(g, param) {
      return g.tensor(param.name, DataType.FLOAT, param.dims, param.data);
    },
  };
}
