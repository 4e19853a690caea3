// Reads back the structure of an .onnx file (nodes, initializer metadata, I/O types), so tests
// can check what the generator wrote without trusting the writer, and can look at
// reference exports. Tensor payloads are skipped, not decoded. It reads with core's protobuf
// reader, the one the library's graph rewrites use.
import { float32, int64s, payload, readFields, text, type WireField } from '../../core/src/model/onnx/wire.js';

export interface InspectedTensor {
  name: string;
  dataType: number;
  dims: number[];
  rawBytes: number;
  external: Record<string, string> | undefined;
}

export interface InspectedNode {
  opType: string;
  name: string;
  inputs: string[];
  outputs: string[];
  attributes: Record<string, number | number[] | string>;
}

export interface InspectedValue {
  name: string;
  elemType: number;
  shape: (number | string)[];
}

export interface InspectedModel {
  irVersion: number;
  opsets: { domain: string; version: number }[];
  nodes: InspectedNode[];
  initializers: InspectedTensor[];
  inputs: InspectedValue[];
  outputs: InspectedValue[];
}

// A message's fields, each with the buffer it was read from.
type Field = WireField & { buf: Uint8Array };

function fields(buf: Uint8Array): Field[] {
  return readFields(buf).map((f) => ({ ...f, buf }));
}

/** A length-delimited field's payload. */
function bytes(f: Field): Uint8Array {
  if (f.wire !== 2) throw new Error('expected a length-delimited field');
  return payload(f.buf, f);
}

/** A string field. */
function str(f: Field): string {
  if (f.wire !== 2) throw new Error('expected a length-delimited field');
  return text(f.buf, f);
}

/** A (repeated) int64 field, signed: packed or one varint per entry. */
const ints = (f: Field): number[] => int64s(f.buf, f);

/** A single int64 field, signed. */
const int = (f: Field): number => ints(f)[0] ?? 0;

function tensor(buf: Uint8Array): InspectedTensor {
  const t: InspectedTensor = { name: '', dataType: 0, dims: [], rawBytes: 0, external: undefined };
  for (const f of fields(buf)) {
    if (f.field === 1) t.dims.push(...ints(f));
    else if (f.field === 2) t.dataType = int(f);
    else if (f.field === 8) t.name = str(f);
    else if (f.field === 9) t.rawBytes = bytes(f).length;
    else if (f.field === 13) {
      let key = '';
      let value = '';
      for (const e of fields(bytes(f))) {
        if (e.field === 1) key = str(e);
        if (e.field === 2) value = str(e);
      }
      t.external = { ...t.external, [key]: value };
    }
  }
  return t;
}

function attribute(buf: Uint8Array): [string, number | number[] | string] {
  let name = '';
  let value: number | number[] | string = '';
  for (const f of fields(buf)) {
    if (f.field === 1) name = str(f);
    else if (f.field === 2) value = float32(f.buf, f);
    else if (f.field === 3) value = int(f);
    else if (f.field === 4) value = str(f);
    else if (f.field === 8) value = [...(Array.isArray(value) ? value : []), ...ints(f)];
  }
  return [name, value];
}

function node(buf: Uint8Array): InspectedNode {
  const n: InspectedNode = { opType: '', name: '', inputs: [], outputs: [], attributes: {} };
  for (const f of fields(buf)) {
    if (f.field === 1) n.inputs.push(str(f));
    else if (f.field === 2) n.outputs.push(str(f));
    else if (f.field === 3) n.name = str(f);
    else if (f.field === 4) n.opType = str(f);
    else if (f.field === 5) {
      const [k, v] = attribute(bytes(f));
      n.attributes[k] = v;
    }
  }
  return n;
}

function valueInfo(buf: Uint8Array): InspectedValue {
  const v: InspectedValue = { name: '', elemType: 0, shape: [] };
  for (const f of fields(buf)) {
    if (f.field === 1) v.name = str(f);
    if (f.field !== 2) continue;
    for (const tt of fields(bytes(f))) {
      if (tt.field !== 1) continue;
      for (const x of fields(bytes(tt))) {
        if (x.field === 1) v.elemType = int(x);
        if (x.field !== 2) continue;
        for (const dim of fields(bytes(x))) {
          for (const d of fields(bytes(dim))) {
            v.shape.push(d.field === 1 ? int(d) : str(d));
          }
        }
      }
    }
  }
  return v;
}

export function inspectOnnx(file: Uint8Array): InspectedModel {
  const m: InspectedModel = { irVersion: 0, opsets: [], nodes: [], initializers: [], inputs: [], outputs: [] };
  for (const f of fields(file)) {
    if (f.field === 1) m.irVersion = int(f);
    else if (f.field === 8) {
      const o = { domain: '', version: 0 };
      for (const x of fields(bytes(f))) {
        if (x.field === 1) o.domain = str(x);
        if (x.field === 2) o.version = int(x);
      }
      m.opsets.push(o);
    } else if (f.field === 7) {
      for (const g of fields(bytes(f))) {
        if (g.field === 1) m.nodes.push(node(bytes(g)));
        else if (g.field === 5) m.initializers.push(tensor(bytes(g)));
        else if (g.field === 11) m.inputs.push(valueInfo(bytes(g)));
        else if (g.field === 12) m.outputs.push(valueInfo(bytes(g)));
      }
    }
  }
  return m;
}
