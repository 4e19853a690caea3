import { createHash } from 'node:crypto';
import { seededRandom } from '@webrerank/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { Sha256 } from '../src/store/sha256.js';
import { useLoadPath } from '../src/store/load-path.js';
import { streamingSha256 } from '../src/store/streaming-sha256.js';

// The download hash moved from the JS Sha256 to hash-wasm: both must give the same digest for any
// file, however the network cuts it into pieces. Sizes and cuts are drawn around the places where
// either could go wrong: 64-byte blocks and the padding at 56 (both), hash-wasm's 16 KiB copy
// window into its memory, and fetch's usual 64 KiB pieces.
describe('streamingSha256', () => {
  afterEach(() => useLoadPath({ sha256: 'wasm' }));

  it('hash-wasm equals the JS Sha256 and node:crypto on random sizes cut at random places', async () => {
    const random = seededRandom(15);
    const draw = (max: number): number => Math.floor(random() * max);
    const sizes = [0, 1, 55, 56, 63, 64, 65, 16_383, 16_384, 16_385, 65_536, 65_537, 1_000_003];
    for (let i = 0; i < 24; i++) sizes.push(draw(300_000));
    for (const size of sizes) {
      const bytes = new Uint8Array(size);
      for (let j = 0; j < size; j++) bytes[j] = draw(256);
      const wasm = await streamingSha256();
      expect(wasm.engine).toBe('wasm');
      const js = new Sha256();
      // Pieces of 1 byte to ~70 KiB, so boundaries fall inside blocks and inside 16 KiB windows.
      for (let offset = 0; offset < size; ) {
        const step = 1 + draw(random() < 0.3 ? 100 : 70_000);
        const piece = bytes.subarray(offset, offset + step);
        wasm.update(piece);
        js.update(piece);
        offset += step;
      }
      const expected = createHash('sha256').update(bytes).digest('hex');
      expect(wasm.hex(), `size ${size}`).toBe(expected);
      expect(js.hex(), `size ${size}`).toBe(expected);
    }
  });

  it('runs two hashes side by side without mixing their state (parallel downloads)', async () => {
    const a = await streamingSha256();
    const b = await streamingSha256();
    const x = new TextEncoder().encode('abc');
    const y = new Uint8Array(100_000).fill(7);
    a.update(x.subarray(0, 1));
    b.update(y.subarray(0, 50_000));
    a.update(x.subarray(1));
    b.update(y.subarray(50_000));
    expect(a.hex()).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(b.hex()).toBe(createHash('sha256').update(y).digest('hex'));
  });

  it('uses the JS implementation when the bench asks for the old path', async () => {
    useLoadPath({ sha256: 'js' });
    const hash = await streamingSha256();
    expect(hash.engine).toBe('js');
    hash.update(new TextEncoder().encode('abc'));
    expect(hash.hex()).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
