// Reads back the structure of an .onnx file (nodes, initializer metadata, I/O types), so tests
// can check what the generator wrote without trusting the writer, and can look at
// reference exports. Tensor payloads are skipped, not decoded.

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

type Field = { field: number; wire: number; value: number | Uint8Array };

const decoder = new TextDecoder();

/** Reads one varint at `pos`; int64 fields come back signed (two's complement). */
function varint(buf: Uint8Array, pos: number): [value: number, next: number] {
  let result = 0n;
  for (let shift = 0n; ; shift += 7n) {
    const b = buf[pos++];
    if (b === undefined) throw new Error('truncated varint');
    result |= BigInt(b & 0x7f) << shift;
    if (b < 0x80) return [Number(BigInt.asIntN(64, result)), pos];
  }
}

function* fields(buf: Uint8Array): Generator<Field> {
  let pos = 0;
  while (pos < buf.length) {
    const [key, afterKey] = varint(buf, pos);
    pos = afterKey;
    const field = Math.floor(key / 8);
    const wire = key % 8;
    if (wire === 0) {
      const [value, next] = varint(buf, pos);
      pos = next;
      yield { field, wire, value };
    } else if (wire === 2) {
      const [len, start] = varint(buf, pos);
      pos = start + len;
      yield { field, wire, value: buf.subarray(start, pos) };
    } else if (wire === 5) {
      yield { field, wire, value: new DataView(buf.buffer, buf.byteOffset + pos, 4).getFloat32(0, true) };
      pos += 4;
    } else if (wire === 1) {
      yield { field, wire, value: new DataView(buf.buffer, buf.byteOffset + pos, 8).getFloat64(0, true) };
      pos += 8;
    } else throw new Error(`unsupported wire type ${wire}`);
  }
}

function bytes(v: number | Uint8Array): Uint8Array {
  if (typeof v === 'number') throw new Error('expected a length-delimited field');
  return v;
}

/** A repeated int64 field: packed (one length-delimited run) or one varint per entry. */
function ints(f: Field): number[] {
  if (typeof f.value === 'number') return [f.value];
  const out: number[] = [];
  for (let pos = 0; pos < f.value.length; ) {
    const [value, next] = varint(f.value, pos);
    out.push(value);
    pos = next;
  }
  return out;
}

function tensor(buf: Uint8Array): InspectedTensor {
  const t: InspectedTensor = { name: '', dataType: 0, dims: [], rawBytes: 0, external: undefined };
  for (const f of fields(buf)) {
    if (f.field === 1) t.dims.push(...ints(f));
    else if (f.field === 2) t.dataType = f.value as number;
    else if (f.field === 8) t.name = decoder.decode(bytes(f.value));
    else if (f.field === 9) t.rawBytes = bytes(f.value).length;
    else if (f.field === 13) {
      let key = '';
      let value = '';
      for (const e of fields(bytes(f.value))) {
        if (e.field === 1) key = decoder.decode(bytes(e.value));
        if (e.field === 2) value = decoder.decode(bytes(e.value));
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
    if (f.field === 1) name = decoder.decode(bytes(f.value));
    else if (f.field === 2) value = f.value as number;
    else if (f.field === 3) value = f.value as number;
    else if (f.field === 4) value = decoder.decode(bytes(f.value));
    else if (f.field === 8) value = [...(Array.isArray(value) ? value : []), ...ints(f)];
  }
  return [name, value];
}

function node(buf: Uint8Array): InspectedNode {
  const n: InspectedNode = { opType: '', name: '', inputs: [], outputs: [], attributes: {} };
  for (const f of fields(buf)) {
    if (f.field === 1) n.inputs.push(decoder.decode(bytes(f.value)));
    else if (f.field === 2) n.outputs.push(decoder.decode(bytes(f.value)));
    else if (f.field === 3) n.name = decoder.decode(bytes(f.value));
    else if (f.field === 4) n.opType = decoder.decode(bytes(f.value));
    else if (f.field === 5) {
      const [k, v] = attribute(bytes(f.value));
      n.attributes[k] = v;
    }
  }
  return n;
}

function valueInfo(buf: Uint8Array): InspectedValue {
  const v: InspectedValue = { name: '', elemType: 0, shape: [] };
  for (const f of fields(buf)) {
    if (f.field === 1) v.name = decoder.decode(bytes(f.value));
    if (f.field !== 2) continue;
    for (const tt of fields(bytes(f.value))) {
      if (tt.field !== 1) continue;
      for (const x of fields(bytes(tt.value))) {
        if (x.field === 1) v.elemType = x.value as number;
        if (x.field !== 2) continue;
        for (const dim of fields(bytes(x.value))) {
          for (const d of fields(bytes(dim.value))) {
            v.shape.push(d.field === 1 ? (d.value as number) : decoder.decode(bytes(d.value)));
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
    if (f.field === 1) m.irVersion = f.value as number;
    else if (f.field === 8) {
      const o = { domain: '', version: 0 };
      for (const x of fields(bytes(f.value))) {
        if (x.field === 1) o.domain = decoder.decode(bytes(x.value));
        if (x.field === 2) o.version = x.value as number;
      }
      m.opsets.push(o);
    } else if (f.field === 7) {
      for (const g of fields(bytes(f.value))) {
        if (g.field === 1) m.nodes.push(node(bytes(g.value)));
        else if (g.field === 5) m.initializers.push(tensor(bytes(g.value)));
        else if (g.field === 11) m.inputs.push(valueInfo(bytes(g.value)));
        else if (g.field === 12) m.outputs.push(valueInfo(bytes(g.value)));
      }
    }
  }
  return m;
}
