// The parts of the model loading path measured alone, alternating old and new ways, for
// `pnpm tsx bench/load-parts.ts` (docs/performance.md, "First download" and "Warm start"): the
// end-to-end loads of `pnpm bench --load` vary too much on a shared machine to tell parts apart.
import { createIdbModelStore } from '../../../packages/core/src/store/idb-model-store';
import { useLoadPath } from '../../../packages/core/src/store/load-path';
import { streamingSha256 } from '../../../packages/core/src/store/streaming-sha256';

export interface PartsResult { [name: string]: number[] }

function randomBytes(size: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(size);
  // getRandomValues fills at most 64 KiB per call.
  for (let offset = 0; offset < size; offset += 65_536) crypto.getRandomValues(out.subarray(offset, offset + 65_536));
  return out;
}

/**
 * Per repetition, in alternating order: a streaming sha256 of `hashMiB` in 64 KiB pieces (the JS
 * Sha256, hash-wasm) and whole (WebCrypto, which cannot stream), and a store.get of a `fileMiB`
 * file stored as byte chunks (before) and as Blob chunks (after), both with every chunk's sha256
 * checked. Milliseconds.
 */
export async function measureLoadParts(fileMiB: number, hashMiB: number, reps: number): Promise<PartsResult> {
  const result: PartsResult = {};
  const time = async (name: string, run: () => Promise<unknown>): Promise<void> => {
    const started = performance.now();
    await run();
    (result[name] ??= []).push(Math.round(performance.now() - started));
  };
  const data = randomBytes(hashMiB * 2 ** 20);
  const hashWith = async (engine: 'js' | 'wasm'): Promise<void> => {
    useLoadPath({ sha256: engine });
    const hash = await streamingSha256();
    for (let offset = 0; offset < data.length; offset += 65_536) hash.update(data.subarray(offset, offset + 65_536));
    hash.hex();
  };
  const store = createIdbModelStore('webrerank-parts');
  const file = randomBytes(fileMiB * 2 ** 20);
  const key = (value: string) => ({ host: 'https://parts.example', model: 'o/m', revision: 'main', file: `${value}.onnx` });
  try {
    for (const value of ['bytes', 'blob'] as const) {
      useLoadPath({ chunkValue: value });
      await time(`store.put ${fileMiB} MiB, ${value} chunks`, () => store.put(key(value), file, undefined));
    }
    for (let rep = 0; rep < reps; rep++) {
      const order = rep % 2 === 0 ? (['js', 'wasm'] as const) : (['wasm', 'js'] as const);
      for (const engine of order) await time(`sha256 ${hashMiB} MiB streamed, ${engine}`, () => hashWith(engine));
      await time(`sha256 ${hashMiB} MiB whole, WebCrypto`, () => crypto.subtle.digest('SHA-256', data));
      for (const value of rep % 2 === 0 ? (['bytes', 'blob'] as const) : (['blob', 'bytes'] as const)) {
        await time(`store.get ${fileMiB} MiB, ${value} chunks`, () => store.get(key(value)));
      }
    }
  } finally {
    useLoadPath({ sha256: 'wasm', chunkValue: 'blob' });
    await store.delete();
  }
  return result;
}
