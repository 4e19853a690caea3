import type { StoredFileInfo, StoredFileKey } from './model-store.js';

/**
 * What the store writes under `file|<key>`, after every chunk is in place: the manifest is the
 * "this file is complete" mark, so a put cut short (tab closed, quota) leaves no manifest and the
 * file reads as absent.
 */
export interface Manifest extends StoredFileKey {
  /** Layout version: a later layout can tell old entries apart and treat them as absent. */
  v: 1;
  size: number;
  /** The whole file's sha256 as its server announced it (and the download matched), if any. */
  sha256: string | undefined;
  chunkSize: number;
  /** sha256 (hex) of every chunk, in order; there are ceil(size / chunkSize) of them. */
  chunkDigests: string[];
  storedAt: number;
  /**
   * Set when the writer checked the content (checkModelFile) before storing it. Files written
   * before that check existed lack it, and are checked when read back (see cachedSource).
   */
  checked?: true;
}

/** The size of chunk `index` of a file. */
export function chunkLength(manifest: Pick<Manifest, 'size' | 'chunkSize'>, index: number): number {
  return Math.min(manifest.chunkSize, manifest.size - index * manifest.chunkSize);
}

export function chunkCount(size: number, chunkSize: number): number {
  return Math.ceil(size / chunkSize);
}

/**
 * The value read back from IndexedDB as a manifest, or undefined when it is not one this code
 * wrote (another version's layout, a damaged record): such a file is treated as corrupt.
 */
export function parseManifest(value: unknown): Manifest | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const m = value as Record<string, unknown>;
  const strings = [m.host, m.model, m.revision, m.file].every((part) => typeof part === 'string');
  const sizeOk = Number.isSafeInteger(m.size) && (m.size as number) >= 0;
  const chunkSizeOk = Number.isSafeInteger(m.chunkSize) && (m.chunkSize as number) > 0;
  const shaOk = m.sha256 === undefined || (typeof m.sha256 === 'string' && /^[0-9a-f]{64}$/.test(m.sha256));
  if (m.v !== 1 || !strings || !sizeOk || !chunkSizeOk || !shaOk || typeof m.storedAt !== 'number') return undefined;
  if (m.checked !== undefined && m.checked !== true) return undefined;
  const digests = m.chunkDigests;
  if (!Array.isArray(digests) || digests.length !== chunkCount(m.size as number, m.chunkSize as number)) return undefined;
  if (!digests.every((digest) => typeof digest === 'string' && /^[0-9a-f]{64}$/.test(digest))) return undefined;
  return value as Manifest;
}

export function manifestInfo(manifest: Manifest): StoredFileInfo {
  const { host, model, revision, file, size, sha256, storedAt } = manifest;
  return { host, model, revision, file, size, sha256, storedAt, checked: manifest.checked === true };
}
