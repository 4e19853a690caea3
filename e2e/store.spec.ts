// The model store in a real browser: IndexedDB, crypto.subtle, fetch and storage quota are
// Chromium's own. The page (e2e/harness/store.ts) puts the store on window.storeHarness; each test
// gets a fresh browser context, so a fresh, empty database.
import type { StoreHarness } from './harness/store';
import { expect, test } from './support/fixtures';
import { limitQuota, openHarness } from './support/store-page';

const CHUNK = 64 * 1024; // small chunks, so a 1 MB file spans many

test.describe('IndexedDB model store', () => {
  test.beforeEach(async ({ page }) => openHarness(page));

  test('round-trips multi-chunk files byte for byte, in chunks plus a manifest', async ({ page }) => {
    const result = await page.evaluate(async (chunkSize) => {
      const h: StoreHarness = window.storeHarness;
      const store = h.createIdbModelStore('webrerank', { chunkSize });
      const key = { host: 'https://hub.example', model: 'o/m', revision: 'main', file: 'onnx/model.onnx' };
      const sizes = [1_000_003, 2 * chunkSize, 0, 1];
      const roundTrips: boolean[] = [];
      for (const [i, size] of sizes.entries()) {
        const bytes = h.patternBytes(size, i + 1);
        const fileKey = { ...key, file: `f${i}.bin` };
        await store.put(fileKey, bytes, i === 0 ? 'AB'.repeat(32) : undefined);
        roundTrips.push(h.sameBytes(await store.get(fileKey), bytes));
      }
      const keys = await h.rawDb().keys();
      const list = await store.list({ host: key.host, model: key.model });
      // A smaller file put over a bigger one leaves none of the old chunks behind.
      await store.put({ ...key, file: 'f0.bin' }, h.patternBytes(10, 9), undefined);
      const afterShrink = (await h.rawDb().keys()).filter((k) => k.includes('|f0.bin')).length;
      return {
        roundTrips,
        has: await store.has({ ...key, file: 'f0.bin' }),
        hasMissing: await store.has({ ...key, file: 'nope.bin' }),
        chunkKeys: keys.filter((k) => k.startsWith('chunk|') && k.includes('|f0.bin|')).length,
        manifests: keys.filter((k) => k.startsWith('file|')),
        list: list.map(({ file, size, sha256 }) => ({ file, size, sha256 })).sort((a, b) => a.file.localeCompare(b.file)),
        afterShrink,
      };
    }, CHUNK);

    expect(result.roundTrips).toEqual([true, true, true, true]);
    expect(result.has).toBe(true);
    expect(result.hasMissing).toBe(false);
    expect(result.chunkKeys).toBe(Math.ceil(1_000_003 / CHUNK)); // 16
    expect(result.manifests).toEqual([0, 1, 2, 3].map((i) => `file|https://hub.example|o/m|main|f${i}.bin`));
    expect(result.list).toEqual([
      { file: 'f0.bin', size: 1_000_003, sha256: 'ab'.repeat(32) },
      { file: 'f1.bin', size: 2 * CHUNK, sha256: undefined },
      { file: 'f2.bin', size: 0, sha256: undefined },
      { file: 'f3.bin', size: 1, sha256: undefined },
    ]);
    expect(result.afterShrink).toBe(2); // one chunk + the manifest
  });

  test('lists and deletes by host, model, revision and file; keeps "|" in names apart', async ({ page }) => {
    const result = await page.evaluate(async () => {
      const h: StoreHarness = window.storeHarness;
      const store = h.createIdbModelStore();
      const put = (model: string, revision: string, file: string) =>
        store.put({ host: 'https://hub.example', model, revision, file }, h.patternBytes(100, 1), undefined);
      await put('o/a', 'main', 'config.json');
      await put('o/a', 'main', 'onnx/model.onnx');
      await put('o/a', 'v2', 'config.json');
      await put('o/b', 'main', 'config.json');
      await put('o|x', 'main', 'a|b');
      const all = (await store.list()).length;
      const files = (await store.list({ model: 'o|x' })).map((f) => f.file);
      const one = await store.delete({ model: 'o/a', revision: 'main', file: 'onnx/model.onnx' });
      const revision = await store.delete({ host: 'https://hub.example', model: 'o/a', revision: 'v2' });
      const model = await store.delete({ host: 'https://hub.example', model: 'o/a' });
      const left = (await store.list()).map((f) => `${f.model}:${f.file}`).sort();
      const everything = await store.delete();
      return { all, files, one, revision, model, left, everything, keys: await h.rawDb().keys() };
    });
    expect(result).toEqual({
      all: 5, files: ['a|b'], one: 1, revision: 1, model: 1, left: ['o/b:config.json', 'o|x:a|b'], everything: 2, keys: [],
    });
  });

  test('finds a corrupted or missing chunk, deletes the file and reports it', async ({ page }) => {
    const result = await page.evaluate(async (chunkSize) => {
      const h: StoreHarness = window.storeHarness;
      const reported: string[] = [];
      const store = h.createIdbModelStore('webrerank', {
        chunkSize,
        onCorrupt: (key, reason) => reported.push(`${key.file}: ${reason}`),
      });
      const base = { host: 'https://hub.example', model: 'o/m', revision: 'main' };
      const bytes = h.patternBytes(1_000_000, 7);
      for (const file of ['flipped.bin', 'missing.bin', 'intact.bin']) await store.put({ ...base, file }, bytes, undefined);
      const db = h.rawDb();

      // One byte flipped in chunk 3, written straight into IndexedDB (same length: only the digest can tell).
      const chunkKey = (file: string, i: number) => `chunk|https://hub.example|o/m|main|${file}|${i}`;
      // Chunks are stored as Blobs (older versions stored bytes): damage either in its own form.
      const chunk = (await db.get(chunkKey('flipped.bin', 3))) as Blob | Uint8Array;
      const damaged = chunk instanceof Blob ? new Uint8Array(await chunk.arrayBuffer()) : chunk.slice();
      damaged[100] = (damaged[100] ?? 0) ^ 0xff;
      await db.put(chunkKey('flipped.bin', 3), chunk instanceof Blob ? new Blob([damaged]) : damaged);
      await db.delete(chunkKey('missing.bin', 5));

      const perCall: string[] = [];
      const flipped = await store.get({ ...base, file: 'flipped.bin' }, { onCorrupt: (reason) => perCall.push(reason) });
      const missing = await store.get({ ...base, file: 'missing.bin' });
      const intact = await store.get({ ...base, file: 'intact.bin' });
      const keys = await db.keys();
      return {
        flipped: flipped === undefined,
        missing: missing === undefined,
        intact: h.sameBytes(intact, bytes),
        reported,
        perCall,
        leftFlipped: keys.filter((k) => k.includes('flipped.bin')),
        leftMissing: keys.filter((k) => k.includes('missing.bin')),
        intactKeys: keys.filter((k) => k.includes('intact.bin')).length,
        list: (await store.list()).map((f) => f.file),
      };
    }, CHUNK);
    expect(result.flipped).toBe(true);
    expect(result.missing).toBe(true);
    expect(result.intact).toBe(true);
    expect(result.reported).toEqual(['flipped.bin: chunk 3 does not match its sha256', 'missing.bin: chunk 5 is missing']);
    expect(result.perCall).toEqual(['chunk 3 does not match its sha256']);
    expect(result.leftFlipped).toEqual([]);
    expect(result.leftMissing).toEqual([]);
    expect(result.intactKeys).toBe(Math.ceil(1_000_000 / CHUNK) + 1);
    expect(result.list).toEqual(['intact.bin']);
  });

  test('stores chunks as Blobs, still reads chunks older versions stored as bytes, and finds a flipped byte in either', async ({ page }) => {
    const result = await page.evaluate(async (chunkSize) => {
      const h: StoreHarness = window.storeHarness;
      const store = h.createIdbModelStore('webrerank', { chunkSize });
      const base = { host: 'https://hub.example', model: 'o/m', revision: 'main' };
      const bytes = h.patternBytes(300_000, 11);
      await store.put({ ...base, file: 'new.bin' }, bytes, undefined);
      h.useLoadPath({ chunkValue: 'bytes' }); // as the store wrote before issue 15
      try {
        await store.put({ ...base, file: 'old.bin' }, bytes, undefined);
      } finally {
        h.useLoadPath({ chunkValue: 'blob' });
      }
      const db = h.rawDb();
      const chunkKey = (file: string, i: number) => `chunk|https://hub.example|o/m|main|${file}|${i}`;
      const kinds = [await db.get(chunkKey('new.bin', 1)), await db.get(chunkKey('old.bin', 1))].map((v) => v?.constructor.name);
      const readBack = [h.sameBytes(await store.get({ ...base, file: 'new.bin' }), bytes), h.sameBytes(await store.get({ ...base, file: 'old.bin' }), bytes)];
      // One byte flipped in chunk 2 of each, in the form it was stored in.
      const newChunk = (await db.get(chunkKey('new.bin', 2))) as Blob;
      const flippedNew = new Uint8Array(await newChunk.arrayBuffer());
      flippedNew[5] = (flippedNew[5] ?? 0) ^ 1;
      await db.put(chunkKey('new.bin', 2), new Blob([flippedNew]));
      const flippedOld = ((await db.get(chunkKey('old.bin', 2))) as Uint8Array).slice();
      flippedOld[5] = (flippedOld[5] ?? 0) ^ 1;
      await db.put(chunkKey('old.bin', 2), flippedOld);
      const reasons: string[] = [];
      const after = [
        await store.get({ ...base, file: 'new.bin' }, { onCorrupt: (r) => reasons.push(r) }),
        await store.get({ ...base, file: 'old.bin' }, { onCorrupt: (r) => reasons.push(r) }),
      ];
      return { kinds, readBack, after: after.map((x) => x === undefined), reasons, left: (await store.list()).length };
    }, CHUNK);
    expect(result.kinds).toEqual(['Blob', 'Uint8Array']);
    expect(result.readBack).toEqual([true, true]);
    expect(result.after).toEqual([true, true]);
    expect(result.reasons).toEqual(['chunk 2 does not match its sha256', 'chunk 2 does not match its sha256']);
    expect(result.left).toBe(0);
  });

  test('reads a file whose manifest is missing (a put cut short) as absent, and a new put cleans up', async ({ page }) => {
    const result = await page.evaluate(async (chunkSize) => {
      const h: StoreHarness = window.storeHarness;
      const corrupt: string[] = [];
      const store = h.createIdbModelStore('webrerank', { chunkSize, onCorrupt: (_k, reason) => corrupt.push(reason) });
      const key = { host: 'https://hub.example', model: 'o/m', revision: 'main', file: 'model.onnx' };
      const bytes = h.patternBytes(500_000, 3);
      await store.put(key, bytes, undefined);
      const db = h.rawDb();
      await db.delete('file|https://hub.example|o/m|main|model.onnx');
      const orphans = (await db.keys()).length;
      const state = { get: await store.get(key), has: await store.has(key), list: (await store.list()).length };
      await store.put(key, bytes, undefined);
      return {
        absent: state.get === undefined && !state.has && state.list === 0,
        orphans,
        corrupt,
        afterPut: (await db.keys()).length,
        roundTrip: h.sameBytes(await store.get(key), bytes),
      };
    }, CHUNK);
    expect(result.absent).toBe(true);
    expect(result.orphans).toBe(Math.ceil(500_000 / CHUNK)); // the chunks are there, the manifest is not
    expect(result.corrupt).toEqual([]); // half-written is "absent", not "corrupt"
    expect(result.afterPut).toBe(Math.ceil(500_000 / CHUNK) + 1);
    expect(result.roundTrip).toBe(true);
  });

  test('rejects a put over the storage quota with QUOTA_EXCEEDED and leaves no partial chunks', async ({ page }) => {
    await limitQuota(page, 3 * 1024 * 1024);
    const result = await page.evaluate(async (chunkSize) => {
      const h: StoreHarness = window.storeHarness;
      const store = h.createIdbModelStore('webrerank', { chunkSize });
      const key = { host: 'https://hub.example', model: 'o/m', revision: 'main', file: 'big.bin' };
      let error: { code?: string | undefined; name?: string; message?: string } | undefined;
      try {
        await store.put(key, h.patternBytes(5_000_000, 1), undefined);
      } catch (e) {
        error = { code: (e as { code?: string }).code, name: (e as Error).name, message: (e as Error).message };
      }
      const keysAfterFailure = await h.rawDb().keys();
      // The space the failed put took is free again: a 1 MB file fits.
      const small = h.patternBytes(1_000_000, 2);
      await store.put({ ...key, file: 'small.bin' }, small, undefined);
      return {
        error,
        keysAfterFailure,
        big: await store.get(key),
        small: h.sameBytes(await store.get({ ...key, file: 'small.bin' }), small),
      };
    }, CHUNK);
    expect(result.error).toMatchObject({ code: 'QUOTA_EXCEEDED', name: 'RerankerError' });
    expect(result.keysAfterFailure).toEqual([]);
    expect(result.big).toBeUndefined();
    expect(result.small).toBe(true);
  });

  test('get() of a ~100 MB file: every 8 MiB chunk verified with crypto.subtle (timing reported, not asserted)', async ({ page }, testInfo) => {
    const timing = await page.evaluate(async () => {
      const h: StoreHarness = window.storeHarness;
      const store = h.createIdbModelStore();
      const key = { host: 'https://hub.example', model: 'o/m', revision: 'main', file: 'big.onnx' };
      const bytes = h.patternBytes(100 * 1024 * 1024, 5);
      let t = performance.now();
      await store.put(key, bytes, undefined);
      const putMs = performance.now() - t;
      const getMs: number[] = [];
      let same = true;
      for (let i = 0; i < 3; i++) {
        t = performance.now();
        const back = await store.get(key);
        getMs.push(performance.now() - t);
        same &&= h.sameBytes(back, bytes);
      }
      // The share of get() that is hashing: the same chunks through crypto.subtle alone.
      t = performance.now();
      for (let o = 0; o < bytes.length; o += h.DEFAULT_CHUNK_SIZE) await h.sha256Hex(bytes.slice(o, o + h.DEFAULT_CHUNK_SIZE));
      const hashOnlyMs = performance.now() - t;
      return { same, putMs: Math.round(putMs), getMs: getMs.map(Math.round), hashOnlyMs: Math.round(hashOnlyMs) };
    });
    console.log(`store timing, 100 MiB in 8 MiB chunks: ${JSON.stringify(timing)}`);
    await testInfo.attach('store-timing.json', { body: JSON.stringify(timing), contentType: 'application/json' });
    expect(timing.same).toBe(true);
  });
});

// Downloads hash with hash-wasm, whose WebAssembly module is compiled from bytes inside its
// script. The demo's CSP allows that with 'wasm-unsafe-eval' (vite.config.ts); a CSP without it
// must leave downloads checked all the same, by the JS fallback. The header is put on the page's
// response as the demo's server sends it.
test.describe('download hash under a Content-Security-Policy', () => {
  const DEMO_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; connect-src 'self'";
  const cases = [
    { csp: DEMO_CSP, engine: 'wasm', what: "the demo's CSP compiles hash-wasm" },
    { csp: "default-src 'self'; script-src 'self'; connect-src 'self'", engine: 'js', what: "a CSP without 'wasm-unsafe-eval' falls back to the JS hash" },
  ] as const;
  for (const { csp, engine, what } of cases) {
    test(what, async ({ page }) => {
      await page.route('**/store.html*', async (route) => {
        const response = await route.fetch();
        await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': csp } });
      });
      await openHarness(page);
      const result = await page.evaluate(async () => {
        const bytes = window.storeHarness.patternBytes(3_000_000, 4);
        const hash = await window.storeHarness.streamingSha256();
        for (let offset = 0; offset < bytes.length; offset += 65_536) hash.update(bytes.subarray(offset, offset + 65_536));
        // The reference: WebCrypto over the whole file (the harness's own helper).
        return { engine: hash.engine, same: hash.hex() === (await window.storeHarness.sha256Hex(bytes as Uint8Array<ArrayBuffer>)) };
      });
      expect(result).toEqual({ engine, same: true });
    });
  }
});
