// A Vite plugin that serves the project's generated test models from the app's own origin, laid
// out like the Hugging Face hub: GET /hub/{owner}/{name}/resolve/{revision}/{file}. The demo
// passes `host: ${location.origin}/hub` to createReranker, so it runs with no internet at all.
// Mounted in `vite` (dev) and `vite preview` alike, with the hub's headers (sha256 ETag, size);
// the build also gets a static copy under dist/demo/hub/{id}/resolve/main/ (about 2.5 MB), so a
// plain static deployment of dist/demo has its default model too.
import { createHash } from 'node:crypto';
import { createReadStream, readdirSync, readFileSync, statSync, type Stats } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Connect, Plugin } from 'vite';

export const HUB_PREFIX = '/hub';

/**
 * The reference LLM test models (fp32 only), served and copied into the build next to the models
 * the config names: a gemma-style LLM reranker and a layerwise (MiniCPM-style) one, random weights.
 */
export const REFERENCE_LLM_MODELS: Record<string, string> = {
  'webrerank-test/gemma-tiny': fileURLToPath(new URL('../../testkit/reference/gemma-tiny', import.meta.url)),
  'webrerank-test/minicpm-layerwise-tiny': fileURLToPath(new URL('../../testkit/reference/minicpm-layerwise-tiny', import.meta.url)),
};

export interface LocalHubOptions {
  /** Model id (owner/name) → folder in the hub's layout (config.json, tokenizer.json, onnx/…). */
  models: Record<string, string>;
  /** Headers for every answer (the servers' COOP/COEP; Vite adds its own only after plugins). */
  headers?: Record<string, string>;
  /** Runs before the server starts answering, e.g. to generate a model folder. */
  prepare?: () => Promise<unknown>;
}

// What the hub sends as X-Repo-Commit: any fixed 40-hex string (the revision is not checked).
const REPO_COMMIT = '0000000000000000000000000000000000000000';
const LFS_EXTENSIONS = ['.onnx', '.onnx_data'];

const digests = new Map<string, { key: string; sha256: string }>();

/** sha256 of a file, remembered per size+mtime (the hub's ETag for LFS files). */
async function sha256Of(path: string, stats: Stats): Promise<string> {
  const key = `${stats.size}:${stats.mtimeMs}`;
  const known = digests.get(path);
  if (known?.key === key) return known.sha256;
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  const sha256 = hash.digest('hex');
  digests.set(path, { key, sha256 });
  return sha256;
}

function notFound(res: ServerResponse, code: string, message: string): void {
  res.writeHead(404, {
    'Content-Length': Buffer.byteLength(message),
    'Content-Type': 'text/plain; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Error-Code': code,
    'X-Error-Message': message,
  });
  res.end(message);
}

/** The file a /hub/… path names, or why there is none. */
export function locateHubFile(
  models: Record<string, string>,
  rawPath: string,
): { file: string } | { error: 'RepositoryNotFound' | 'EntryNotFound' } {
  // {owner}/{name}/resolve/{revision}/{file…}; split before decoding so a %2F stays in its segment.
  const segments = rawPath.split('/').filter((s, i) => i > 0 || s !== '').map((s) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  });
  const [owner, name, resolveWord, , ...rest] = segments;
  const dir = owner !== undefined && name !== undefined ? models[`${owner}/${name}`] : undefined;
  if (dir === undefined || resolveWord !== 'resolve') return { error: 'RepositoryNotFound' };
  const root = resolve(dir);
  const full = resolve(root, rest.join('/'));
  const inside = relative(root, full);
  if (rest.length === 0 || inside === '' || inside.startsWith('..') || isAbsolute(inside)) return { error: 'EntryNotFound' };
  try {
    return statSync(full).isFile() ? { file: full } : { error: 'EntryNotFound' };
  } catch {
    return { error: 'EntryNotFound' };
  }
}

function middleware(options: LocalHubOptions): Connect.NextHandleFunction {
  const { models } = options;
  return (req: IncomingMessage, res: ServerResponse, next: Connect.NextFunction) => {
    const url = new URL(req.url ?? '/', 'http://local.invalid');
    if (url.pathname !== HUB_PREFIX && !url.pathname.startsWith(`${HUB_PREFIX}/`)) return next();
    for (const [name, value] of Object.entries(options.headers ?? {})) res.setHeader(name, value);
    const method = req.method ?? 'GET';
    if (method !== 'GET' && method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' });
      res.end();
      return;
    }
    const found = locateHubFile(models, url.pathname.slice(HUB_PREFIX.length));
    if ('error' in found) {
      notFound(res, found.error, found.error === 'RepositoryNotFound' ? 'Repository not found' : 'Entry not found');
      return;
    }
    serve(res, found.file, method === 'HEAD').catch((error: unknown) => {
      res.destroy(error instanceof Error ? error : new Error(String(error)));
    });
  };
}

async function serve(res: ServerResponse, file: string, head: boolean): Promise<void> {
  const stats = statSync(file);
  const headers: Record<string, string | number> = {
    'Content-Type': file.endsWith('.json') ? 'application/json; charset=utf-8' : 'application/octet-stream',
    'Content-Length': stats.size,
    // The library keeps model files in IndexedDB; no second copy in the HTTP cache.
    'Cache-Control': 'no-store',
    'X-Repo-Commit': REPO_COMMIT,
  };
  if (LFS_EXTENSIONS.some((ext) => file.endsWith(ext))) {
    // Like the hub's LFS files: the sha256 and size, which the library verifies the bytes against.
    const sha256 = await sha256Of(file, stats);
    headers.ETag = `"${sha256}"`;
    headers['X-Linked-Etag'] = `"${sha256}"`;
    headers['X-Linked-Size'] = stats.size;
  }
  res.writeHead(200, headers);
  if (head) {
    res.end();
    return;
  }
  await new Promise<void>((done, fail) => {
    const stream = createReadStream(file);
    stream.on('error', fail);
    res.on('close', () => {
      stream.destroy();
      done();
    });
    stream.pipe(res);
  });
}

/** The files of a model folder that a hub repository would hold (not testkit's own notes). */
export function modelFiles(dir: string): string[] {
  const walk = (folder: string): string[] =>
    readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? walk(join(folder, entry.name)) : [relative(dir, join(folder, entry.name)).split(sep).join('/')],
    );
  return walk(dir).filter((file) => /^(config\.json|tokenizer(_config)?\.json|special_tokens_map\.json|onnx\/[^/]+\.onnx(_data(_\d+)?)?)$/.test(file));
}

/** Serves `models` under /hub in the dev server and in `vite preview`, and copies them into the build. */
export function localHub(given: LocalHubOptions): Plugin {
  const options: LocalHubOptions = { ...given, models: { ...REFERENCE_LLM_MODELS, ...given.models } };
  // A model that cannot be prepared is left out (it answers 404, which the app explains); the
  // rest of the demo still builds and serves.
  const prepare = async (warn: (message: string) => void): Promise<void> => {
    try {
      await options.prepare?.();
    } catch (error) {
      warn(`local hub: preparing the test models failed, they may be missing: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  const isDir = (dir: string): boolean => {
    try {
      return statSync(dir).isDirectory();
    } catch {
      return false;
    }
  };
  return {
    name: 'webrerank:local-hub',
    async buildStart() {
      await prepare((message) => this.warn(message));
    },
    generateBundle() {
      for (const [id, dir] of Object.entries(options.models)) {
        if (!isDir(dir)) {
          this.warn(`local hub: ${dir} is missing, so ${id} is not in the build`);
          continue;
        }
        for (const file of modelFiles(dir)) {
          this.emitFile({ type: 'asset', fileName: `${HUB_PREFIX.slice(1)}/${id}/resolve/main/${file}`, source: readFileSync(join(dir, file)) });
        }
      }
    },
    async configureServer(server) {
      await prepare((message) => server.config.logger.warn(message));
      server.middlewares.use(middleware(options));
    },
    async configurePreviewServer(server) {
      await prepare((message) => server.config.logger.warn(message));
      server.middlewares.use(middleware(options));
    },
  };
}
