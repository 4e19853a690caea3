// A local model host with the Hugging Face hub's URL layout and headers, plus fault injection,
// so browser tests can download, cache and fail the way they would against huggingface.co
// without any network. node:http only; files are streamed from disk (models may be 1 GB).
import { createHash } from 'node:crypto';
import { createReadStream, readFileSync, statSync, type Stats } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { isAbsolute, relative, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export interface HubFault {
  /** matches when the request path ends with this (e.g. 'onnx/model.onnx'); '*' matches all */
  path: string;
  /**
   * status: an HTTP error; drop: the connection dies mid-body; refuse: no answer at all; slow: a
   * throttled body. Wrong answers with status 200: html: an HTML page instead of the file (a
   * captive portal, a CDN error page); truncate: only the first `bytes` bytes, with a
   * Content-Length that matches them (a clean but short answer); corrupt: one byte flipped, every
   * header (X-Linked-Size, X-Linked-Etag) that of the real file. stall: the headers and
   * `afterBytes` body bytes, then nothing, the connection held open until the client gives up.
   */
  kind: 'status' | 'drop' | 'refuse' | 'slow' | 'html' | 'truncate' | 'corrupt' | 'stall';
  status?: number; // kind 'status': answer this HTTP status with an empty body
  afterBytes?: number; // kinds 'drop', 'stall': send headers (with the full Content-Length) and this many body bytes first
  bytes?: number; // kind 'truncate': how many bytes of the file to send (default: half)
  bytesPerSecond?: number; // kind 'slow': throttle the body
  times?: number; // apply to the next N matching requests only (default: until cleared)
}
export interface RecordedRequest {
  method: string; url: string; path: string; headers: Record<string, string>; at: number;
  /** Set when the connection of this response closed: whether the whole response went out (false: cut, e.g. the client aborted). */
  finished?: boolean;
}
export interface HubServer {
  url: string; // e.g. 'http://127.0.0.1:41234' (no trailing slash): the `host` option of the library
  setFaults(faults: HubFault[]): void;
  clearFaults(): void;
  requests(): RecordedRequest[];
  resetRequests(): void;
  /** the exact bytes served for a model file, to compare with what the browser cached */
  fileBytes(modelId: string, file: string): Uint8Array;
  close(): Promise<void>;
}

/** What the hub sends as X-Repo-Commit; any fixed 40-hex string will do. */
export const REPO_COMMIT = '0123456789abcdef0123456789abcdef01234567';
const LFS_SIZE = 10 * 1024 * 1024;
const LFS_EXTENSIONS = ['.onnx', '.onnx_data', '.safetensors'];

// The page is cross-origin to the host (and COEP require-corp), so every answer, errors
// included, carries CORS + CORP headers, or the browser hides the status from the library.
const BASE_HEADERS: Record<string, string> = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers':
    'ETag, X-Linked-Etag, X-Linked-Size, X-Repo-Commit, Content-Length, Content-Range, Accept-Ranges, X-Error-Code, X-Error-Message',
  'Cross-Origin-Resource-Policy': 'cross-origin',
  // Every browser fetch must reach this server (and its request log); a test that wants
  // "served from the library's cache" must not be fooled by Chromium's HTTP cache.
  'Cache-Control': 'no-store',
};

interface Etags { etag: string; linked?: { etag: string; size: number } }
const etagCache = new Map<string, { key: string; etags: Etags }>();

async function hashFile(path: string, algorithm: string, prefix?: string): Promise<string> {
  const hash = createHash(algorithm);
  if (prefix !== undefined) hash.update(prefix);
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** The hub's ETags: sha256 for LFS files, the git blob sha1 for small ones (cached by mtime). */
async function etagsFor(path: string, stats: Stats): Promise<Etags> {
  const key = `${stats.size}:${stats.mtimeMs}`;
  const cached = etagCache.get(path);
  if (cached?.key === key) return cached.etags;
  let etags: Etags;
  if (stats.size > LFS_SIZE || LFS_EXTENSIONS.some((ext) => path.endsWith(ext))) {
    const sha256 = await hashFile(path, 'sha256');
    etags = { etag: `"${sha256}"`, linked: { etag: `"${sha256}"`, size: stats.size } };
  } else {
    etags = { etag: `"${await hashFile(path, 'sha1', `blob ${stats.size}\0`)}"` };
  }
  etagCache.set(path, { key, etags });
  return etags;
}

function hubError(res: ServerResponse, status: number, code: string, message: string, head: boolean): void {
  res.writeHead(status, {
    ...BASE_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(message),
    'X-Error-Code': code, 'X-Error-Message': message,
  });
  res.end(head ? undefined : message);
}

/** `bytes=a-b` / `bytes=a-` / `bytes=-n` (one range only, like the hub's CDN) or null. */
function parseRange(header: string | undefined, size: number): { start: number; end: number } | 'invalid' | null {
  const match = header === undefined ? null : /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return null;
  const [, from = '', to = ''] = match;
  let start: number, end: number;
  if (from === '') [start, end] = [Math.max(0, size - Number(to)), size - 1];
  else [start, end] = [Number(from), to === '' ? size - 1 : Math.min(Number(to), size - 1)];
  return from === '' && to === '' || start > end || start >= size ? 'invalid' : { start, end };
}

/** Resolves once `chunk` has reached the socket (or the response is gone). */
function write(res: ServerResponse, chunk: Buffer): Promise<void> {
  return new Promise((done) => {
    res.once('close', done);
    res.write(chunk, () => {
      res.off('close', done);
      done();
    });
  });
}

/** Streams [start, end] of the file; `limit` bytes at most; throttled to `bytesPerSecond`. */
async function sendBody(res: ServerResponse, path: string, start: number, end: number, limit: number, bytesPerSecond?: number): Promise<void> {
  if (limit <= 0 || end < start) return;
  const stream = createReadStream(path, { start, end: Math.min(end, start + limit - 1) });
  const began = Date.now();
  let sent = 0;
  try {
    for await (const data of stream) {
      const chunk = data as Buffer;
      // Slow bodies go out in ~50 ms slices so a test can observe (and abort) a download in flight.
      const slice = bytesPerSecond ? Math.max(1, Math.floor(bytesPerSecond / 20)) : chunk.length;
      for (let offset = 0; offset < chunk.length; offset += slice) {
        if (res.destroyed) return;
        const part = chunk.subarray(offset, offset + slice);
        await write(res, part);
        sent += part.length;
        if (bytesPerSecond) await sleep(Math.max(0, (sent / bytesPerSecond) * 1000 - (Date.now() - began)));
      }
    }
  } finally {
    stream.destroy();
  }
}

/** The 'drop' fault: what is written so far goes out, then the connection dies mid-body. */
async function dropConnection(res: ServerResponse): Promise<void> {
  const socket = res.socket;
  res.flushHeaders();
  // An empty write's callback runs after everything queued before it has been flushed.
  if (socket && !socket.destroyed) await new Promise<void>((done) => socket.write(Buffer.alloc(0), () => done()));
  res.destroy();
}

function decodeSegment(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

export async function startHubServer(options: { models: Record<string, string>; port?: number }): Promise<HubServer> {
  const models = Object.entries(options.models).map(([id, dir]) => ({ id, dir: resolve(dir) }));
  let faults: { fault: HubFault; left: number }[] = [];
  let log: RecordedRequest[] = [];
  const sockets = new Set<Socket>();

  const takeFault = (path: string): HubFault | undefined => {
    const hit = faults.find(({ fault, left }) => left > 0 && (fault.path === '*' || path.endsWith(fault.path)));
    if (hit) hit.left -= 1;
    return hit?.fault;
  };

  const locate = (modelId: string, file: string): string | undefined => {
    const model = models.find((m) => m.id === modelId);
    if (!model) return undefined;
    const full = resolve(model.dir, file);
    const inside = relative(model.dir, full);
    if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return undefined;
    try {
      return statSync(full).isFile() ? full : undefined;
    } catch {
      return undefined;
    }
  };

  async function handle(req: IncomingMessage, res: ServerResponse, path: string, rawPath: string): Promise<void> {
    const method = req.method ?? 'GET';
    if (method === 'OPTIONS') {
      // CORS preflight (a Range or custom header makes the browser ask first). Faults skip
      // preflights so that `times: 1` means one real download attempt.
      res.writeHead(204, {
        ...BASE_HEADERS, 'Access-Control-Allow-Methods': 'GET, HEAD, OPTIONS',
        'Access-Control-Allow-Headers': req.headers['access-control-request-headers'] ?? '*',
        'Access-Control-Max-Age': '86400',
      });
      res.end();
      return;
    }
    const head = method === 'HEAD';
    const fault = takeFault(path);
    if (fault?.kind === 'refuse') {
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'status') {
      res.writeHead(fault.status ?? 500, { ...BASE_HEADERS, 'Content-Length': 0 });
      res.end();
      return;
    }
    if (method !== 'GET' && !head) return hubError(res, 405, 'MethodNotAllowed', 'Method not allowed', false);
    if (fault?.kind === 'html') {
      const page = '<!doctype html><html><head><title>Sign in to the network</title></head><body>Please sign in.</body></html>';
      res.writeHead(200, { ...BASE_HEADERS, 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': Buffer.byteLength(page) });
      res.end(head ? undefined : page);
      return;
    }

    // /{id}/resolve/{revision}/{file...}; split before decoding so 'refs%2Fpr%2F1' stays one revision.
    const segments = rawPath.split('/').slice(1).map(decodeSegment);
    const model = models.find((m) => {
      const id = m.id.split('/');
      return id.every((part, i) => segments[i] === part) && segments[id.length] === 'resolve';
    });
    if (!model) return hubError(res, 404, 'RepositoryNotFound', 'Repository not found', head);
    const file = segments.slice(model.id.split('/').length + 2).join('/');
    const full = file ? locate(model.id, file) : undefined;
    if (!full) return hubError(res, 404, 'EntryNotFound', 'Entry not found', head);

    const stats = statSync(full);
    const etags = await etagsFor(full, stats);
    const range = parseRange(req.headers.range, stats.size);
    const headers: Record<string, string | number> = {
      ...BASE_HEADERS,
      'Content-Type': full.endsWith('.json') ? 'application/json; charset=utf-8' : 'application/octet-stream',
      'Accept-Ranges': 'bytes',
      ETag: etags.etag,
      'X-Repo-Commit': REPO_COMMIT,
      ...(etags.linked ? { 'X-Linked-Etag': etags.linked.etag, 'X-Linked-Size': etags.linked.size } : {}),
    };
    if (range === 'invalid') {
      res.writeHead(416, { ...headers, 'Content-Range': `bytes */${stats.size}`, 'Content-Length': 0 });
      res.end();
      return;
    }
    if (fault?.kind === 'truncate' || fault?.kind === 'corrupt') return sendWrong(res, full, fault, headers, head);
    const { start, end } = range ?? { start: 0, end: stats.size - 1 };
    headers['Content-Length'] = end - start + 1;
    if (range) headers['Content-Range'] = `bytes ${start}-${end}/${stats.size}`;
    res.writeHead(range ? 206 : 200, headers);
    if (fault?.kind === 'drop') {
      // Headers promise the full length; the socket dies after `afterBytes` body bytes.
      if (!head) await sendBody(res, full, start, end, fault.afterBytes ?? 0);
      await dropConnection(res);
      return;
    }
    if (fault?.kind === 'stall') {
      if (!head) await sendBody(res, full, start, end, fault.afterBytes ?? 0);
      res.flushHeaders();
      // Nothing more: the response stays open until the client closes the connection.
      await new Promise<void>((closed) => res.once('close', () => closed()));
      return;
    }
    if (head) {
      res.end();
      return;
    }
    await sendBody(res, full, start, end, Infinity, fault?.kind === 'slow' ? fault.bytesPerSecond : undefined);
    res.end();
  }

  /** The 'truncate' and 'corrupt' faults: a complete, clean 200 whose bytes are wrong. */
  function sendWrong(res: ServerResponse, full: string, fault: HubFault, headers: Record<string, string | number>, head: boolean): void {
    let body = readFileSync(full);
    if (fault.kind === 'truncate') {
      body = body.subarray(0, fault.bytes ?? Math.floor(body.length / 2));
      // A short file announced as short: only X-Linked-Size (absent for small files) could tell.
      headers['Content-Length'] = body.length;
    } else {
      body = Buffer.from(body);
      body[body.length >> 1]! ^= 0xff;
      headers['Content-Length'] = body.length;
    }
    res.writeHead(200, headers);
    res.end(head ? undefined : body);
  }

  const server = createServer((req, res) => {
    const rawPath = new URL(req.url ?? '/', 'http://hub.invalid').pathname;
    const path = decodeSegment(rawPath);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    const record: RecordedRequest = { method: req.method ?? 'GET', url: `${base}${req.url ?? '/'}`, path, headers, at: Date.now() };
    log.push(record);
    res.once('close', () => (record.finished = res.writableFinished));
    handle(req, res, path, rawPath).catch((error: unknown) => {
      console.error('hub-server:', error);
      res.destroy();
    });
  });
  // Node's default 5 s keep-alive timeout races the client: a request sent on an idle connection
  // just as the server closes it fails with ECONNRESET (seen with undici between two tests). The
  // client's own idle timeout (undici: the server's hint minus 1 s) then always closes first.
  server.keepAliveTimeout = 60_000;
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((listening, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, '127.0.0.1', () => listening());
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: base,
    setFaults(next) {
      faults = next.map((fault) => ({ fault, left: fault.times ?? Infinity }));
    },
    clearFaults() {
      faults = [];
    },
    // Copies: a record's `finished` is read as of this call.
    requests: () => log.map((r) => ({ ...r })),
    resetRequests() {
      log = [];
    },
    fileBytes(modelId, file) {
      const full = locate(modelId, file);
      if (!full) throw new Error(`hub-server: no file ${file} in ${modelId}`);
      return new Uint8Array(readFileSync(full));
    },
    close() {
      // Keep-alive connections (an idle browser) would hold server.close() open forever.
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((closed, fail) => server.close((error) => (error ? fail(error) : closed())));
    },
  };
}
