// Cached tiny models for tests anywhere in the repo: generated once under
// packages/testkit/models/ (gitignored) and regenerated when the generator version changes.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateModel, stampFor } from './generate.js';
import { STAMP_FILE } from './version.js';

export const MODELS_DIR = fileURLToPath(new URL('../models/', import.meta.url));

export interface EnsureOptions {
  /** The folder whose .onnx files keep their weights in `.onnx_data` files. */
  readonly externalData?: boolean;
}

function isCurrent(dir: string, expected: string): boolean {
  try {
    return readFileSync(join(dir, STAMP_FILE), 'utf8').trim() === expected;
  } catch {
    return false;
  }
}

let tmpCounter = 0;

/**
 * Returns the folder of the generated tiny model (`models/tiny`, or `models/tiny-external`
 * with `externalData`), generating it first when it is missing or stale. Safe to call from
 * parallel test workers: each generates into its own temporary folder and renames it into
 * place, and a loser of that race uses the winner's identical folder. (Generation itself is
 * synchronous and takes well under a second; the Promise leaves room to move it off-thread.)
 */
export async function ensureTinyModel(options: EnsureOptions = {}): Promise<string> {
  const externalData = options.externalData ?? false;
  const dir = join(MODELS_DIR, externalData ? 'tiny-external' : 'tiny');
  const expected = JSON.stringify(stampFor('tiny', externalData), null, 2);
  if (isCurrent(dir, expected)) return dir;

  mkdirSync(MODELS_DIR, { recursive: true });
  const tmp = join(MODELS_DIR, `.tmp-${process.pid}-${tmpCounter++}`);
  try {
    generateModel({ preset: 'tiny', outDir: tmp, externalData });
    if (existsSync(dir) && !isCurrent(dir, expected)) rmSync(dir, { recursive: true, force: true });
    try {
      renameSync(tmp, dir);
    } catch (error) {
      // Another worker renamed its copy first; the bytes are identical, so use that one.
      if (!isCurrent(dir, expected)) throw error;
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return dir;
}
