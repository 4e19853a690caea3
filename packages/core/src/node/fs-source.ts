import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { RerankerError } from '../errors.js';
import type { ModelSource } from '../model/source.js';

/** A model folder on the local disk (Node only). */
export function fsSource(folder: string): ModelSource {
  const root = resolve(folder);
  return {
    location: root,
    localPath: (path) => join(root, path),
    async read(path, options) {
      try {
        return new Uint8Array(await readFile(join(root, path), options?.signal ? { signal: options.signal } : undefined));
      } catch (error) {
        if (options?.signal?.aborted) throw new RerankerError('ABORTED', `reading ${join(root, path)} was aborted`, { cause: error });
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') throw new RerankerError('MODEL_FILE_NOT_FOUND', `${join(root, path)} does not exist`, { cause: error });
        throw new RerankerError('MODEL_FETCH_FAILED', `could not read ${join(root, path)}: ${String(code ?? error)}`, { cause: error });
      }
    },
  };
}
