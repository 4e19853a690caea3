// Building blocks: float16 rounding, weight statistics, uint8 quantization, protobuf integers.
import { describe, expect, it } from 'vitest';
import { f16ToNumber, toFloat16 } from '../src/half.js';
import { GraphBuilder } from '../src/graph-builder.js';
import { encodeModel } from '../src/onnx-proto.js';
import { inspectOnnx } from '../src/onnx-inspect.js';
import { fillNormal } from '../src/prng.js';
import { quantizeUint8 } from '../src/quantize.js';

describe('toFloat16', () => {
  it('rounds to nearest even and handles the edges', () => {
    const cases: [number, number][] = [
      [1, 0x3c00], [-2, 0xc000], [65504, 0x7bff], [65520, 0x7c00], [1e-8, 0], [2 ** -24, 0x0001],
      [1 + 2 ** -11, 0x3c00], // tie -> even
      [1 + 3 * 2 ** -11, 0x3c02], // tie -> even (up)
      [Number.POSITIVE_INFINITY, 0x7c00],
    ];
    expect(Array.from(toFloat16(Float32Array.from(cases.map(([v]) => v))))).toEqual(cases.map(([, h]) => h));
    expect(f16ToNumber(0x3555)).toBeCloseTo(0.33325, 5);
    expect(Number.isNaN(f16ToNumber(toFloat16(Float32Array.of(Number.NaN))[0]!))).toBe(true);
  });
});

describe('fillNormal', () => {
  it('draws N(mean, std) deterministically', () => {
    const a = new Float32Array(100_001);
    fillNormal(a, 42, 1, 0.1);
    const mean = a.reduce((s, v) => s + v, 0) / a.length;
    const std = Math.sqrt(a.reduce((s, v) => s + (v - mean) ** 2, 0) / a.length);
    expect(mean).toBeCloseTo(1, 2);
    expect(std).toBeCloseTo(0.1, 2);
    const b = new Float32Array(100_001);
    fillNormal(b, 42, 1, 0.1);
    expect(b).toEqual(a);
  });
});

describe('quantizeUint8', () => {
  it('dequantizes within half a step, with 0 exact', () => {
    const values = Float32Array.from([0.5, -0.25, 0, 0.125, 0.49]);
    const q = quantizeUint8(values);
    values.forEach((v, i) => {
      expect(Math.abs((q.data[i]! - q.zeroPoint) * q.scale - v)).toBeLessThanOrEqual(q.scale / 2 + 1e-9);
    });
    expect(q.data[2]).toBe(q.zeroPoint);
  });
});

describe('protobuf writer', () => {
  it('round-trips negative int64 attributes, float and string attributes, and packed dims', () => {
    const g = new GraphBuilder();
    g.int64('c', [2, 3], [1, 2, 3, 4, 5, 6]);
    g.node('Transpose', 't', ['x'], [{ name: 'perm', ints: [-1, 0] }, { name: 'axis', int: -1 }, { name: 'alpha', float: 0.375 }, { name: 'mode', string: 'é' }]);
    const bytes = encodeModel({
      irVersion: 8, opsetVersion: 17, producerName: 'p', producerVersion: '1',
      graph: { name: 'g', nodes: g.nodes, initializers: g.initializers, inputs: [], outputs: [] },
    }).finish();
    const m = inspectOnnx(Buffer.concat(bytes));
    expect(m.nodes[0]?.attributes).toEqual({ perm: [-1, 0], axis: -1, alpha: 0.375, mode: 'é' });
    expect(m.initializers[0]).toMatchObject({ name: 'c', dims: [2, 3], rawBytes: 48 });
  });
});
