// Sizes of @webrerank/core as an app ships it, measured by building tiny apps with Vite (a
// consumer's bundler) against packages/core/dist: the page side of `createReranker` (it must stay
// a comlink client: the engine, tokenizer and onnxruntime belong in the worker), the whole root
// entry for comparison, the default worker and the files onnxruntime-web adds, each minified and
// gzipped; and the tarball. Prints; fails only past a generous page budget.
// Usage: node scripts/size.mjs [core tarball]   (run after `pnpm -C packages/core build`)
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';

const PAGE_BUDGET_GZIP = 30_000; // the comlink client is ~4 kB today; the engine would be ~60 kB
const dist = fileURLToPath(new URL('../packages/core/dist/', import.meta.url));
const tarball = process.argv[2];

const apps = {
  // What a page that only creates a reranker ships.
  'page (createReranker)': "import { createReranker } from '@webrerank/core';\nexport const start = () => createReranker({ model: 'BAAI/bge-reranker-base' });\n",
  // Everything the root entry exports, tree-shaking off in effect: what `import *` costs.
  'page (whole root entry)': "import * as core from '@webrerank/core';\nexport default core;\n",
};

const kb = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;
const line = (label, bytes, gzip) => console.log(`  ${label.padEnd(44)} ${kb(bytes).padStart(11)}${gzip === undefined ? '' : ` ${kb(gzip).padStart(11)} gzip`}`);

console.log('size: @webrerank/core as a Vite app bundles it (minified)');
let pageGzip = 0;
for (const [name, source] of Object.entries(apps)) {
  const files = await bundle(source);
  const entry = files.filter((f) => f.kind === 'entry');
  const page = sum(entry);
  line(name, page.bytes, page.gzip);
  if (name === 'page (createReranker)') {
    pageGzip = page.gzip;
    const worker = files.filter((f) => f.kind === 'asset' && /\.m?js$/.test(f.name));
    for (const f of worker) line(`  worker/runtime file ${f.name.replace(/^assets\//, '')}`, f.bytes, f.gzip);
    for (const f of files.filter((f) => f.name.endsWith('.wasm'))) line(`  ${f.name.replace(/^assets\//, '')}`, f.bytes, f.gzip);
  }
}
if (tarball) line(`tarball ${tarball.split('/').pop()}`, statSync(tarball).size);
if (pageGzip > PAGE_BUDGET_GZIP) {
  console.error(`size: the page side of createReranker is ${kb(pageGzip)} gzipped, over its ${kb(PAGE_BUDGET_GZIP)} budget: did the engine leak into the page?`);
  process.exit(1);
}

/** Builds a one-module app importing @webrerank/core from dist/; returns every output file. */
async function bundle(source) {
  const root = mkdtempSync(join(tmpdir(), 'webrerank-size-'));
  try {
    writeFileSync(join(root, 'main.js'), source);
    const result = await build({
      root,
      configFile: false,
      logLevel: 'silent',
      resolve: { alias: [{ find: /^@webrerank\/core$/, replacement: join(dist, 'index.js') }] },
      worker: { format: 'es' },
      build: { write: false, minify: true, rollupOptions: { input: join(root, 'main.js'), preserveEntrySignatures: 'exports-only' } },
    });
    const outputs = (Array.isArray(result) ? result : [result]).flatMap((r) => r.output);
    return outputs.map((o) => {
      const bytes = o.type === 'chunk' ? Buffer.from(o.code) : Buffer.from(o.source);
      return { name: o.fileName, kind: o.type === 'chunk' ? 'entry' : 'asset', bytes: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
    });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

function sum(files) {
  return files.reduce((t, f) => ({ bytes: t.bytes + f.bytes, gzip: t.gzip + f.gzip }), { bytes: 0, gzip: 0 });
}
