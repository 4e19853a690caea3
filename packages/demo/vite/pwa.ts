// A Vite plugin for the demo's offline and install support:
//  - icons: favicon.svg and the PNG icons of manifest.webmanifest, generated (./icon.ts), served
//    by the dev server and emitted into the build;
//  - service worker: packages/demo/src/sw/sw.ts, compiled to /sw.js at build time with the list
//    of every file of the build (the app shell, the worker chunks, onnxruntime's .wasm) and of
//    public/ injected, plus a version hash of their contents, so a new build means a new cache.
//    Files matching `lazy` (onnxruntime's webgpu build) are listed apart: the service worker
//    caches them when the app first fetches them, instead of downloading them on install.
// The service worker is only registered by the built app (vite preview or any static host).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { transformWithOxc, type Plugin, type ResolvedConfig } from 'vite';
import { iconFiles } from './icon.js';

/** What the placeholder `__PRECACHE__` in sw.ts becomes. */
export interface PrecacheManifest {
  version: string;
  /** Site-root paths, e.g. '/index.html', '/assets/index-abc123.js': fetched on install. */
  files: string[];
  /** Site-root paths cached only when the app first fetches them. */
  lazy: string[];
}

export interface PwaOptions {
  /** The service worker source (TypeScript, no imports). */
  serviceWorker: string;
  /** Output name of the service worker, at the site root. */
  fileName?: string;
  /** Build paths (prefixes, without the leading /) never to precache, e.g. 'hub/'. */
  exclude?: string[];
  /**
   * Build files (matched on their path without the leading /) cached on first use rather than
   * on install: files only some visitors need, e.g. onnxruntime's webgpu build (a 26.8 MB .wasm).
   */
  lazy?: RegExp[];
}

function walk(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

export function pwa(options: PwaOptions): Plugin {
  const swName = options.fileName ?? 'sw.js';
  let config: ResolvedConfig;
  // Drawn on first use (about a second): `vite preview` never needs them.
  let drawn: ReturnType<typeof iconFiles> | undefined;
  const icons = (): ReturnType<typeof iconFiles> => (drawn ??= iconFiles());
  return {
    name: 'webrerank:pwa',
    enforce: 'post',
    configResolved(resolved) {
      config = resolved;
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const path = new URL(req.url ?? '/', 'http://local.invalid').pathname.slice(1);
        if (path !== 'favicon.svg' && !path.startsWith('icons/')) return next();
        const icon = icons()[path];
        if (!icon) return next();
        res.writeHead(200, { 'Content-Type': icon.type });
        res.end(icon.body);
      });
    },
    generateBundle: {
      order: 'post',
      async handler(_, bundle) {
        // Everything the app may load from its own origin: the bundle (pages, chunks, worker
        // chunks, the .wasm, CSS), the icons and public/. Source maps are for developers only.
        const entries = new Map<string, string | Uint8Array>();
        for (const [fileName, icon] of Object.entries(icons())) {
          this.emitFile({ type: 'asset', fileName, source: icon.body });
          entries.set(fileName, icon.body);
        }
        for (const [fileName, output] of Object.entries(bundle)) {
          // Model files (the static copy of the local test models) belong to IndexedDB, never here.
          if (fileName.endsWith('.map') || fileName === swName || (options.exclude ?? []).some((prefix) => fileName.startsWith(prefix))) continue;
          entries.set(fileName, output.type === 'chunk' ? output.code : output.source);
        }
        const publicDir = config.publicDir;
        if (publicDir) {
          for (const full of walk(publicDir)) {
            const fileName = relative(publicDir, full).split(sep).join('/');
            if (!entries.has(fileName) && fileName !== swName) entries.set(fileName, readFileSync(full));
          }
        }
        const names = [...entries.keys()].sort();
        const hash = createHash('sha256');
        for (const name of names) {
          hash.update(name).update('\0').update(entries.get(name) as string | Uint8Array).update('\0');
        }
        const isLazy = (name: string): boolean => (options.lazy ?? []).some((pattern) => pattern.test(name));
        // A pattern that matches nothing (a renamed chunk) would quietly precache the file again.
        for (const pattern of options.lazy ?? []) {
          if (!names.some((name) => pattern.test(name))) this.error(`pwa: the lazy pattern ${String(pattern)} matches no file of the build`);
        }
        const manifest: PrecacheManifest = {
          version: hash.digest('hex').slice(0, 16),
          files: names.filter((n) => !isLazy(n)).map((n) => `/${n}`),
          lazy: names.filter(isLazy).map((n) => `/${n}`),
        };

        const source = readFileSync(options.serviceWorker, 'utf8');
        const compiled = await transformWithOxc(source, options.serviceWorker, { lang: 'ts' });
        if (!compiled.code.includes('__PRECACHE__')) this.error(`${options.serviceWorker} lacks the __PRECACHE__ placeholder`);
        const code = `// Generated by packages/demo/vite/pwa.ts from packages/demo/src/sw/sw.ts.\n${compiled.code
          .replace(/^\s*export\s*\{\s*\};?\s*$/m, '')
          .replaceAll('__PRECACHE__', JSON.stringify(manifest))}`;
        this.emitFile({ type: 'asset', fileName: swName, source: code });
      },
    },
  };
}
