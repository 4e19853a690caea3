// Plain float32 parameters: the layout of the hub's onnx/model.onnx.
import type { Emitter } from './emitter.js';
import { DataType } from './onnx-proto.js';

export const fp32Emitter: Emitter = {
  compute: DataType.FLOAT,
  embedding(g, table, indices, scope) {
    const data = g.tensor(table.name, DataType.FLOAT, table.dims, table.data);
    return g.op('Gather', `${scope}/Gather`, [data, indices]);
  },
  linear(g, x, weight, bias, scope) {
    const w = g.tensor(weight.name, DataType.FLOAT, weight.dims, weight.data);
    const b = g.tensor(bias.name, DataType.FLOAT, bias.dims, bias.data);
    const mm = g.op('MatMul', `${scope}/MatMul`, [x, w]);
    return g.op('Add', `${scope}/Add`, [b, mm]);
  },
  vector(g, param) {
    return g.tensor(param.name, DataType.FLOAT, param.dims, param.data);
  },
};
