import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, relative } from 'node:path';
import type { ScoreOptions } from '../api.js';
import type { ScoreCache } from '../eval/rerank-run.js';

/** Bumped when the cache's layout or the meaning of its scores changes: old entries are then never read. */
const CACHE_FORMAT = 1;

/**
 * The default cache folder: `$XDG_CACHE_HOME/webrerank/scores`, else `~/.cache/webrerank/scores`.
 * It only ever grows; delete it (or a setup's subfolder) to reclaim the space.
 */
export function defaultScoreCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'webrerank', 'scores');
}

/** What makes scores differ: the model's files, how they are run, and the options that change scores. */
export interface ScoreSetup {
  model: string;
  dtype: string;
  backend: string;
  kind: string | undefined;
  options: ScoreOptions;
}

/**
 * The key of a scoring setup: sha256 of the cache format, the model's identity (modelIdentity),
 * dtype, backend, kind override, and every score option but the batching ones (`batchSize`,
 * `maxBatchTokens`, which only group pairs). A change to any of them reads another folder, so
 * stale scores are never served.
 */
export async function setupKey(setup: ScoreSetup): Promise<string> {
  const { batchSize: _batchSize, maxBatchTokens: _maxBatchTokens, ...scoring } = setup.options;
  const options = Object.fromEntries(Object.entries(scoring).filter(([, value]) => value !== undefined).sort(([a], [b]) => (a < b ? -1 : 1)));
  const identity = { format: CACHE_FORMAT, model: await modelIdentity(setup.model), dtype: setup.dtype, backend: setup.backend, kind: setup.kind ?? null, options };
  return sha256(JSON.stringify(identity));
}

/**
 * A model's identity for the cache. A local folder: every file in it (subfolders too) as
 * relative path, size and modification time, so replacing or editing any file (a new revision
 * downloaded over it) invalidates the cache without reading gigabytes. A URL: the URL itself (a
 * server that changes the files behind one URL is not noticed; pass --no-cache there).
 */
export async function modelIdentity(model: string): Promise<unknown> {
  if (/^https?:\/\//i.test(model)) return { url: model };
  const files: [string, number, number][] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) {
        const info = await stat(path);
        files.push([relative(model, path), info.size, info.mtimeMs]);
      }
    }
  };
  await walk(model);
  return { files: files.sort(([a], [b]) => (a < b ? -1 : 1)) };
}

/**
 * A ScoreCache on disk: `<dir>/<setup key>/<2 hex>/<sha256 of the query>.json`, one file per
 * query holding `{sha256 of passage: score}`. A query's file is read when the query is reranked
 * and rewritten (to a temporary name, then renamed, so a crash never leaves half a file) when
 * new scores come, so memory holds one query's scores at a time whatever the run's size. Scores
 * are JSON numbers, which round-trip doubles exactly.
 *
 * @example
 * const cache = diskScoreCache(defaultScoreCacheDir(), await setupKey({ model, dtype: 'q8', backend: 'wasm', kind: undefined, options: {} }));
 */
export function diskScoreCache(dir: string, key: string): ScoreCache {
  const fileOf = (query: string): { folder: string; file: string } => {
    const hash = sha256(query);
    const folder = join(dir, key, hash.slice(0, 2));
    return { folder, file: join(folder, `${hash}.json`) };
  };
  const read = async (file: string): Promise<Record<string, number>> => {
    try {
      return JSON.parse(await readFile(file, 'utf8')) as Record<string, number>;
    } catch (error) {
      // Missing is the common case; an unreadable entry (a crash mid-rename, disk trouble) is a miss too.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' || error instanceof SyntaxError) return {};
      throw error;
    }
  };
  return {
    async get(query, passages) {
      const entries = await read(fileOf(query).file);
      return passages.map((passage) => {
        const score = entries[sha256(passage)];
        return typeof score === 'number' ? score : undefined;
      });
    },
    async set(query, passages, scores) {
      const { folder, file } = fileOf(query);
      const entries = await read(file);
      passages.forEach((passage, i) => { entries[sha256(passage)] = scores[i]!; });
      await mkdir(folder, { recursive: true });
      const temporary = `${file}.${process.pid}.tmp`;
      await writeFile(temporary, JSON.stringify(entries));
      await rename(temporary, file);
    },
  };
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
