// Accumulates nodes and initializers with unique names while a graph is being built.
import { DataType, type AttributeDef, type DataTypeCode, type NodeDef, type TensorDef } from './onnx-proto.js';

function bytesOf(view: ArrayBufferView): Uint8Array {
  // A view, not a copy: the base preset's weights are hundreds of MB.
  return new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
}

export class GraphBuilder {
  readonly nodes: NodeDef[] = [];
  readonly initializers: TensorDef[] = [];
  private readonly used = new Set<string>();

  /** Adds a node; output names derive from the node name. Returns the outputs. */
  node(
    opType: string,
    name: string,
    inputs: readonly string[],
    attributes: readonly AttributeDef[] = [],
    outputCount = 1,
  ): string[] {
    const nodeName = this.unique(name);
    const outputs = Array.from({ length: outputCount }, (_, i) => `${nodeName}_output_${i}`);
    this.nodes.push({ opType, name: nodeName, inputs, outputs, attributes });
    return outputs;
  }

  /** Single-output shorthand for `node`. */
  op(opType: string, name: string, inputs: readonly string[], attributes: readonly AttributeDef[] = []): string {
    return this.node(opType, name, inputs, attributes)[0] as string;
  }

  tensor(name: string, dataType: DataTypeCode, dims: readonly number[], data: ArrayBufferView): string {
    const unique = this.unique(name);
    this.initializers.push({ name: unique, dataType, dims, data: bytesOf(data) });
    return unique;
  }

  float(name: string, dims: readonly number[], values: Float32Array | readonly number[]): string {
    return this.tensor(name, DataType.FLOAT, dims, Float32Array.from(values));
  }

  int64(name: string, dims: readonly number[], values: readonly number[]): string {
    return this.tensor(name, DataType.INT64, dims, BigInt64Array.from(values, (v) => BigInt(v)));
  }

  private unique(name: string): string {
    let candidate = name;
    for (let i = 1; this.used.has(candidate); i++) candidate = `${name}_${i}`;
    this.used.add(candidate);
    return candidate;
  }
}
