// How one precision variant stores the parameters and turns them into values of its compute
// type. The XLM-R graph is written once (xlmr-graph.ts); the three files differ only in the
// emitter.
import type { GraphBuilder } from './graph-builder.js';
import type { DataTypeCode } from './onnx-proto.js';
import type { Param } from './weights.js';

export interface Emitter {
  /** Element type of the activations between the ops (FLOAT or FLOAT16). */
  readonly compute: DataTypeCode;
  /** Rows of an embedding table ([rows, hidden]) for int64 indices, in the compute type. */
  embedding(g: GraphBuilder, table: Param, indices: string, scope: string): string;
  /** x @ weight + bias with weight stored [in, out], in the compute type. */
  linear(g: GraphBuilder, x: string, weight: Param, bias: Param, scope: string): string;
  /** A 1-D parameter (LayerNorm scale/shift) as a float32 value: LayerNorm always runs in fp32. */
  vector(g: GraphBuilder, param: Param): string;
}
