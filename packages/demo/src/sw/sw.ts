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

declare const self: ServiceWorkerGlobalScope;
declare const __PRECACHE__: { version: string; files: string[]; lazy: string[] };

const MANIFEST = __PRECACHE__;
const PREFIX = 'webrerank-shell-';
const CACHE = `${PREFIX}${MANIFEST.version}`;
const SHELL = new Set(MANIFEST.files);
const LAZY = new Set(MANIFEST.lazy);

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
      // Control the page that installed us, so that it already works offline after one visit.
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('message', (event) => {
  const data: unknown = event.data;
  if (data === 'skip-waiting') void self.skipWaiting();
  else if (data === 'version') event.source?.postMessage({ version: MANIFEST.version, files: MANIFEST.files.length });
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

self.addEventListener('fetch', (event) => {
  const path = shellPath(event.request);
  if (path === undefined) return; // the browser fetches it as usual
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      const cached = await cache.match(path);
      if (cached) return cached;
      // Not cached yet (install still running, storage cleared, or a lazy file's first use):
      // the network, as usual; a lazy file is kept for next time.
      const response = await fetch(event.request);
      if (LAZY.has(path) && response.status === 200) event.waitUntil(cache.put(path, response.clone()));
      return response;
    })(),
  );
});

export {};
