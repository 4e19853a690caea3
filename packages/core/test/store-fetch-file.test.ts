import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RerankerError } from '../src/errors.js';
import { announcedSha256, fetchFile, type FetchInit } from '../src/store/fetch-file.js';

// A real HTTP server on 127.0.0.1, so the headers, the streaming and the broken connections are
// the real thing (Node's fetch is undici, the same Fetch API as a browser's).
const body = randomBytes(300_000);
const sha = createHash('sha256').update(body).digest('hex');
const compressible = Buffer.from('{"hello": "world"}\n'.repeat(5_000));

let server: Server;
let base: string;
const seen: { url: string; headers: IncomingHttpHeaders }[] = [];

/** Writes the body in pieces, so the client sees several reads. */
function sendInPieces(res: ServerResponse, bytes: Buffer, then?: () => void): void {
  let offset = 0;
  const next = (): void => {
    if (offset >= bytes.length) return then ? then() : void res.end();
    res.write(bytes.subarray(offset, offset + 32_768));
    offset += 32_768;
    setImmediate(next);
  };
  next();
}

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push({ url: req.url ?? '', headers: req.headers });
    const path = (req.url ?? '').split('?')[0];
    switch (path) {
      case '/ok.bin':
        res.writeHead(200, { 'Content-Length': body.length, ETag: `"${sha}"` });
        return sendInPieces(res, body);
      case '/weak.bin':
        res.writeHead(200, { 'Content-Length': body.length, ETag: `W/"${sha.toUpperCase()}"` });
        return sendInPieces(res, body);
      case '/linked.bin':
        // The hub: X-Linked-* carry the LFS file's size and sha256; ETag is something else.
        res.writeHead(200, { 'X-Linked-Size': body.length, 'X-Linked-Etag': `"${sha}"`, ETag: 'W/"0123abcd"' });
        return sendInPieces(res, body);
      case '/no-sha.bin':
        res.writeHead(200, { 'Content-Length': body.length, ETag: '"493e0-5f3a"' });
        return sendInPieces(res, body);
      case '/chunked.bin':
        res.writeHead(200, {}); // no length: chunked transfer encoding
        return sendInPieces(res, body);
      case '/bad-sha.bin':
        res.writeHead(200, { 'Content-Length': body.length, ETag: `"${'0'.repeat(64)}"` });
        return sendInPieces(res, body);
      case '/truncated.bin':
        // Announces the whole file, sends half, then the connection drops.
        res.writeHead(200, { 'Content-Length': body.length, ETag: `"${sha}"` });
        return sendInPieces(res, body.subarray(0, body.length / 2), () => res.destroy());
      case '/linked-short.bin':
        // A clean HTTP response that is shorter than the file the hub says it is.
        res.writeHead(200, { 'X-Linked-Size': body.length + 10, 'Content-Length': body.length });
        return sendInPieces(res, body);
      case '/gzip.json': {
        // Content-Length is the compressed size; the body the client reads is longer.
        const zipped = gzipSync(compressible);
        res.writeHead(200, { 'Content-Length': zipped.length, 'Content-Encoding': 'gzip' });
        return void res.end(zipped);
      }
      case '/slow.bin':
        res.writeHead(200, { 'Content-Length': body.length });
        res.write(body.subarray(0, 1000));
        return; // never finishes; the client aborts
      case '/no-answer':
        return; // the request is read, no headers ever come
      case '/linked-long.bin':
        // A complete 200 that is longer than the file the hub says it is: not the file.
        res.writeHead(200, { 'X-Linked-Size': body.length - 10, 'Content-Length': body.length });
        return sendInPieces(res, body);
      case '/server-error':
        res.writeHead(500);
        return void res.end('boom');
      default:
        res.writeHead(404);
        return void res.end('not here');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(RerankerError);
    return (error as RerankerError).code;
  }
  throw new Error('expected a rejection');
}

describe('fetchFile', () => {
  it('downloads a file, checks the sha256 from ETag, and reports monotonic progress up to the size', async () => {
    const progress: [number, number | undefined][] = [];
    const { bytes, sha256 } = await fetchFile(`${base}/ok.bin`, { onProgress: (loaded, total) => progress.push([loaded, total]) });
    expect(Buffer.from(bytes).equals(body)).toBe(true);
    expect(sha256).toBe(sha);
    expect(progress.length).toBeGreaterThan(2);
    expect(progress.every(([, total]) => total === body.length)).toBe(true);
    const loaded = progress.map(([l]) => l);
    expect(loaded).toEqual([...loaded].sort((a, b) => a - b));
    expect(loaded.at(-1)).toBe(body.length);
  });

  it('prefers X-Linked-Size and X-Linked-Etag (the hub) over Content-Length and ETag', async () => {
    const totals = new Set<number | undefined>();
    const { bytes, sha256 } = await fetchFile(`${base}/linked.bin`, { onProgress: (_l, total) => totals.add(total) });
    expect(bytes.length).toBe(body.length);
    expect(sha256).toBe(sha);
    expect([...totals]).toEqual([body.length]);
  });

  it('accepts a weak ETag that is a sha256, and ignores one that is not', async () => {
    expect((await fetchFile(`${base}/weak.bin`)).sha256).toBe(sha);
    const plain = await fetchFile(`${base}/no-sha.bin`);
    expect(plain.sha256).toBeUndefined();
    expect(plain.bytes.length).toBe(body.length);
  });

  it('reads a body of unknown length and ends the progress at what arrived', async () => {
    const progress: [number, number | undefined][] = [];
    const { bytes } = await fetchFile(`${base}/chunked.bin`, { onProgress: (l, t) => progress.push([l, t]) });
    expect(Buffer.from(bytes).equals(body)).toBe(true);
    expect(progress.slice(0, -1).every(([, total]) => total === undefined)).toBe(true);
    expect(progress.at(-1)).toEqual([body.length, body.length]);
  });

  it('takes a decompressed body that is longer than its Content-Length', async () => {
    const { bytes } = await fetchFile(`${base}/gzip.json`);
    expect(Buffer.from(bytes).equals(compressible)).toBe(true);
  });

  it('rejects a body that does not match the announced sha256 with INTEGRITY_MISMATCH', async () => {
    expect(await codeOf(fetchFile(`${base}/bad-sha.bin`))).toBe('INTEGRITY_MISMATCH');
  });

  it('never returns a file cut off mid-download: MODEL_FETCH_FAILED', async () => {
    expect(await codeOf(fetchFile(`${base}/truncated.bin`))).toBe('MODEL_FETCH_FAILED');
    const error = await fetchFile(`${base}/linked-short.bin`).catch((e: unknown) => e);
    expect((error as RerankerError).code).toBe('MODEL_FETCH_FAILED');
    expect((error as Error).message).toContain(`got ${body.length} of ${body.length + 10} bytes`);
  });

  it('maps 404 to MODEL_FILE_NOT_FOUND and other failures to MODEL_FETCH_FAILED naming the URL', async () => {
    expect(await codeOf(fetchFile(`${base}/missing.bin`))).toBe('MODEL_FILE_NOT_FOUND');
    const error = (await fetchFile(`${base}/server-error`).catch((e: unknown) => e)) as RerankerError;
    expect(error.code).toBe('MODEL_FETCH_FAILED');
    expect(error.message).toContain(`${base}/server-error`);
    expect(error.message).toContain('500');
    // Nothing listens on port 9 (discard) here: a network error.
    const refused = (await fetchFile('http://127.0.0.1:9/x.bin').catch((e: unknown) => e)) as RerankerError;
    expect(refused.code).toBe('MODEL_FETCH_FAILED');
    expect(refused.message).toContain('http://127.0.0.1:9/x.bin');
  });

  it('stops with ABORTED when the signal fires mid-download or has fired before', async () => {
    const controller = new AbortController();
    const pending = fetchFile(`${base}/slow.bin`, {
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });
    expect(await codeOf(pending)).toBe('ABORTED');
    expect(await codeOf(fetchFile(`${base}/ok.bin`, { signal: AbortSignal.abort() }))).toBe('ABORTED');
  });

  it('stops with ABORTED even when the given fetch ignores the signal', async () => {
    const controller = new AbortController();
    const deaf = (url: string): Promise<Response> => fetch(url); // drops the init and its signal
    const pending = fetchFile(`${base}/slow.bin`, { fetch: deaf, signal: controller.signal, onProgress: () => controller.abort() });
    expect(await codeOf(pending)).toBe('ABORTED');
  });

  it('gives up with MODEL_FETCH_FAILED when nothing arrives for stallTimeoutMs: no headers, or a body that stops', async () => {
    for (const path of ['/no-answer', '/slow.bin']) {
      const error = await fetchFile(`${base}${path}`, { stallTimeoutMs: 200 }).catch((e: unknown) => e);
      expect(error, path).toMatchObject({ code: 'MODEL_FETCH_FAILED', message: expect.stringMatching(/stalled/) });
    }
    // The caller's signal still wins over the timer: ABORTED, not a stall.
    expect(await codeOf(fetchFile(`${base}/no-answer`, { stallTimeoutMs: 60_000, signal: AbortSignal.timeout(100) }))).toBe('ABORTED');
    for (const stallTimeoutMs of [0, -5, Number.NaN]) {
      expect(await codeOf(fetchFile(`${base}/ok.bin`, { stallTimeoutMs }))).toBe('INVALID_OPTION');
    }
  });

  it('a body longer than X-Linked-Size is INTEGRITY_MISMATCH: it is not the file the hub describes', async () => {
    expect(await codeOf(fetchFile(`${base}/linked-long.bin`))).toBe('INTEGRITY_MISMATCH');
  });

  it('never shows URL credentials: not in its messages, not in their causes', async () => {
    const error = await fetchFile(`${base.replace('http://', 'http://me:s3cret@')}/ok.bin`).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'MODEL_FETCH_FAILED', message: expect.stringContaining(`${base}/ok.bin`) });
    const chain: string[] = [];
    for (let e = error; e instanceof Error; e = e.cause) chain.push(e.message);
    expect(chain.join(' ')).not.toMatch(/s3cret/);
  });

  it('asks for nothing but the URL: no cookies, no referrer, no HTTP cache', async () => {
    const inits: FetchInit[] = [];
    const spy = (url: string, init: FetchInit): Promise<Response> => {
      inits.push(init);
      return fetch(url, init);
    };
    seen.length = 0;
    await fetchFile(`${base}/ok.bin`, { fetch: spy });
    expect(inits).toHaveLength(1);
    // Exactly these: no method (GET), no headers, no body.
    // The signal is the stall timer's (and the caller's): it stops the request, it is not sent.
    expect(inits[0]).toEqual({ cache: 'no-store', credentials: 'omit', referrerPolicy: 'no-referrer', signal: expect.any(AbortSignal) });
    expect(seen).toHaveLength(1);
    expect(seen[0]?.url).toBe('/ok.bin');
    expect(seen[0]?.headers.cookie).toBeUndefined();
    expect(seen[0]?.headers.referer).toBeUndefined();
  });
});

describe('announcedSha256', () => {
  const headers = (entries: Record<string, string>): Headers => new Headers(entries);
  it('reads 64 hex digits from X-Linked-Etag or ETag, strong or weak, in any case', () => {
    expect(announcedSha256(headers({ 'X-Linked-Etag': `"${sha}"` }))).toBe(sha);
    expect(announcedSha256(headers({ ETag: `W/"${sha.toUpperCase()}"` }))).toBe(sha);
    expect(announcedSha256(headers({ ETag: sha }))).toBe(sha);
  });
  it('ignores everything else', () => {
    expect(announcedSha256(headers({}))).toBeUndefined();
    expect(announcedSha256(headers({ ETag: '"a94a8fe5ccb19ba61c4c0873d391e987982fbbd3"' }))).toBeUndefined(); // git sha1
    expect(announcedSha256(headers({ ETag: `"${sha}-gzip"` }))).toBeUndefined();
  });
});
