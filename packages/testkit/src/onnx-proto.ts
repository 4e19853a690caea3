// ONNX message encoders (field numbers from onnx/onnx.proto, IR version 8).
import { ProtoWriter } from '../../core/src/model/onnx/wire-writer.js';

/** TensorProto.DataType values used here. */
export const DataType = {
  FLOAT: 1,
  UINT8: 2,
  INT8: 3,
  INT32: 6,
  INT64: 7,
  BOOL: 9,
  FLOAT16: 10,
} as const;
export type DataTypeCode = (typeof DataType)[keyof typeof DataType];

export interface TensorDef {
  readonly name: string;
  readonly dataType: DataTypeCode;
  readonly dims: readonly number[];
  /** Raw little-endian element bytes (TensorProto.raw_data). */
  readonly data: Uint8Array;
}

export type AttributeDef =
  | { readonly name: string; readonly int: number }
  | { readonly name: string; readonly float: number }
  | { readonly name: string; readonly ints: readonly number[] }
  | { readonly name: string; readonly string: string };

export interface NodeDef {
  readonly opType: string;
  readonly name: string;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly attributes?: readonly AttributeDef[];
}

/** A graph input/output: tensor type with fixed (number) or symbolic (string) dims. */
export interface ValueInfoDef {
  readonly name: string;
  readonly elemType: DataTypeCode;
  readonly shape: readonly (number | string)[];
}

export interface GraphDef {
  readonly name: string;
  readonly nodes: readonly NodeDef[];
  readonly initializers: readonly TensorDef[];
  readonly inputs: readonly ValueInfoDef[];
  readonly outputs: readonly ValueInfoDef[];
}

export interface ModelDef {
  readonly irVersion: number;
  readonly opsetVersion: number;
  readonly producerName: string;
  readonly producerVersion: string;
  readonly graph: GraphDef;
}

/** Where an initializer's bytes live when it is stored outside the .onnx file. */
export interface ExternalRef {
  readonly location: string;
  readonly offset: number;
  readonly length: number;
}

const ATTR_FLOAT = 1;
const ATTR_INT = 2;
const ATTR_STRING = 3;
const ATTR_INTS = 7;
const DATA_LOCATION_EXTERNAL = 1;

export function encodeTensor(t: TensorDef, external?: ExternalRef): ProtoWriter {
  const w = new ProtoWriter();
  if (t.dims.length > 0) w.packedInts(1, t.dims);
  w.uint(2, t.dataType);
  w.string(8, t.name);
  if (external === undefined) {
    w.bytes(9, t.data);
  } else {
    // Keys as written by onnx.external_data_helper; offset/length are decimal strings.
    const entries: [string, string][] = [
      ['location', external.location],
      ['offset', String(external.offset)],
      ['length', String(external.length)],
    ];
    for (const [key, value] of entries) w.message(13, new ProtoWriter().string(1, key).string(2, value));
    w.uint(14, DATA_LOCATION_EXTERNAL);
  }
  return w;
}

function encodeAttribute(a: AttributeDef): ProtoWriter {
  const w = new ProtoWriter().string(1, a.name);
  if ('int' in a) w.int(3, a.int).uint(20, ATTR_INT);
  else if ('float' in a) w.float(2, a.float).uint(20, ATTR_FLOAT);
  else if ('ints' in a) w.packedInts(8, a.ints).uint(20, ATTR_INTS);
  else w.string(4, a.string).uint(20, ATTR_STRING);
  return w;
}

function encodeNode(n: NodeDef): ProtoWriter {
  const w = new ProtoWriter();
  for (const input of n.inputs) w.string(1, input);
  for (const output of n.outputs) w.string(2, output);
  w.string(3, n.name).string(4, n.opType);
  for (const a of n.attributes ?? []) w.message(5, encodeAttribute(a));
  return w;
}

function encodeValueInfo(v: ValueInfoDef): ProtoWriter {
  const shape = new ProtoWriter();
  for (const d of v.shape) {
    const dim = new ProtoWriter();
    if (typeof d === 'number') dim.uint(1, d);
    else dim.string(2, d);
    shape.message(1, dim);
  }
  const tensorType = new ProtoWriter().uint(1, v.elemType).message(2, shape);
  const type = new ProtoWriter().message(1, tensorType);
  return new ProtoWriter().string(1, v.name).message(2, type);
}

/**
 * Encodes a ModelProto. `placeExternal` decides per initializer whether its bytes go to an
 * external data file (returning where) or stay inline (returning undefined).
 */
export function encodeModel(
  model: ModelDef,
  placeExternal: (t: TensorDef) => ExternalRef | undefined = () => undefined,
): ProtoWriter {
  const g = new ProtoWriter();
  for (const n of model.graph.nodes) g.message(1, encodeNode(n));
  g.string(2, model.graph.name);
  for (const t of model.graph.initializers) g.message(5, encodeTensor(t, placeExternal(t)));
  for (const v of model.graph.inputs) g.message(11, encodeValueInfo(v));
  for (const v of model.graph.outputs) g.message(12, encodeValueInfo(v));

  const opset = new ProtoWriter().string(1, '').uint(2, model.opsetVersion);
  return new ProtoWriter()
    .uint(1, model.irVersion)
    .string(2, model.producerName)
    .string(3, model.producerVersion)
    .message(7, g)
    .message(8, opset);
}
