// The demo's service worker, compiled to /sw.js by packages/demo/vite/pwa.ts, which replaces the
// build-time placeholder below with the build's file list and a version hash of their contents.
//
// What it does: keeps the app shell (index.html, the JS/CSS chunks, the reranker worker chunk,
// onnxruntime's wasm build and its .wasm, the icons and the manifest) in one Cache Storage cache
// per build, and answers those same-origin GET requests from it, so the app starts with no
// network. onnxruntime's webgpu build (a 26.8 MB .wasm beside the wasm build's 14.2 MB) is only
// for visitors whose device runs WebGPU: it is not fetched on install but cached the first time
// the app fetches it through this worker, so a WASM-only visitor never downloads it, and a WebGPU
// visitor has it offline from the next load on. The wasm build is the one precached: every
// device can run it (`auto` without a hardware GPU, `wasm`, and the fallback). That is all. Model files are never touched: the library keeps them in IndexedDB, and requests to model
// hosts (huggingface.co and its CDNs, or this origin's /hub/) go to the network exactly as if
// there were no service worker, because this worker never calls respondWith() for them.
//
// A new build ships a new sw.js (its file list changed), which installs beside the old one and
// waits; the page offers a reload, and on 'skip-waiting' the new worker takes over and drops the
// old cache. Cached responses keep their headers, so COOP/COEP/CSP hold offline as well.
//
// Reloads: every answer is one cache.match on a Cache opened once per worker (not a
// caches.open per request), and a lazy file is downloaded and stored once: a request for it
// while its first download is still being stored (a reload, or a second reranker worker after a
// dtype switch) waits for that copy instead of starting another 26.8 MB download and put.
// Diagnostics: postMessage('trace') answers { trace } with the last answers, each with its path,
// where it came from and how long the worker took (see TraceEntry), to tell a slow service
// worker from a slow page.

declare const self: ServiceWorkerGlobalScope;
declare const __PRECACHE__: { version: string; files: string[]; lazy: string[] };

const MANIFEST = __PRECACHE__;
const PREFIX = 'webrerank-shell-';
const CACHE = `${PREFIX}${MANIFEST.version}`;
const SHELL = new Set(MANIFEST.files);
const LAZY = new Set(MANIFEST.lazy);

/** One answer of this worker, for postMessage('trace'). */
interface TraceEntry {
  path: string;
  /** When the fetch event arrived, ms since the epoch (comparable with the page's clock). */
  at: number;
  /** From the event to the response being ready (headers; the body streams after). */
  ms: number;
  source: 'cache' | 'network' | 'after-pending-put';
}
const TRACE_SIZE = 200;
const trace: TraceEntry[] = [];
function record(entry: TraceEntry): void {
  trace.push(entry);
  if (trace.length > TRACE_SIZE) trace.shift();
}

// This build's cache, opened once for the worker's lifetime (the worker is restarted often, so
// it is never stale for long; activate drops it in case a cache was deleted under it).
let shellCache: Promise<Cache> | undefined;
const openShell = (): Promise<Cache> => (shellCache ??= caches.open(CACHE));

/** Lazy files being stored now, by path: later requests wait for this copy. */
const storing = new Map<string, Promise<void>>();

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      // 'no-cache': revalidate with the server rather than trust a stale HTTP-cached copy.
      await cache.addAll(MANIFEST.files.map((path) => new Request(path, { cache: 'no-cache' })));
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(names.filter((name) => name.startsWith(PREFIX) && name !== CACHE).map((name) => caches.delete(name)));
      shellCache = undefined;
      // Control the page that installed us, so that it already works offline after one visit.
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('message', (event) => {
  const data: unknown = event.data;
  if (data === 'skip-waiting') void self.skipWaiting();
  else if (data === 'version') event.source?.postMessage({ version: MANIFEST.version, files: MANIFEST.files.length });
  else if (data === 'trace') event.source?.postMessage({ trace: trace.slice() });
});

/** The cache key of a request, or undefined when it is not part of the app (shell or lazy). */
function shellPath(request: Request): string | undefined {
  if (request.method !== 'GET') return undefined;
  const url = new URL(request.url);
  // Other origins (the model hosts) and anything outside the list (such as the /hub/ test
  // models, which the build copies but never lists): untouched.
  if (url.origin !== self.location.origin) return undefined;
  const path = request.mode === 'navigate' && url.pathname === '/' ? '/index.html' : url.pathname;
  return SHELL.has(path) || LAZY.has(path) ? path : undefined;
}

/**
 * A cached .wasm handed over as a plain stream, no longer tied to its Cache Storage entry.
 * Chromium caches the compiled code of a WebAssembly module fetched from Cache Storage as side
 * data of that entry: after a rerank (once the engine's code has tiered up) and again after a
 * dtype switch (a new reranker worker compiles it again), tens of MB are written into this
 * build's cache, and the reload's CSS and JS wait for their fetch events meanwhile (measured here:
 * 4-18 s, the worker answering in 1-6 ms once the events came; e2e/demo-sw-reload.spec.ts).
 * Without the tie the module is compiled from the bytes each load (onnxruntime's baseline
 * compile is fast; the optimised tier compiles in the background).
 */
function detached(response: Response): Response {
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers: response.headers });
}

/** The cached copy, or the network; a lazy file's first download is stored (once). */
async function answer(path: string, event: FetchEvent, at: number): Promise<Response> {
  const started = performance.now();
  const done = (response: Response, source: TraceEntry['source']): Response => {
    record({ path, at, ms: Math.round(performance.now() - started), source });
    return response;
  };
  const cache = await openShell();
  const cached = await cache.match(path);
  if (cached) return done(path.endsWith('.wasm') ? detached(cached) : cached, 'cache');
  const pending = storing.get(path);
  if (pending) {
    // The same lazy file is on its way into the cache: wait for it rather than download it twice.
    await pending;
    const stored = await cache.match(path);
    if (stored) return done(stored, 'after-pending-put');
  }
  // Not cached yet (install still running, storage cleared, or a lazy file's first use):
  // the network, as usual; a lazy file is kept for next time.
  const response = await fetch(event.request);
  if (LAZY.has(path) && response.status === 200 && !storing.has(path)) {
    const put = cache
      .put(path, response.clone())
      .catch(() => undefined) // not stored (quota): the next use downloads it again
      .finally(() => storing.delete(path));
    storing.set(path, put);
    event.waitUntil(put);
  }
  return done(response, 'network');
}

self.addEventListener('fetch', (event) => {
  const path = shellPath(event.request);
  if (path === undefined) return; // the browser fetches it as usual
  event.respondWith(answer(path, event, Date.now()));
});

export {};
