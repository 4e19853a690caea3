import type { StoredFileKey } from './model-store.js';

/**
 * IndexedDB keys of the model store. A file is a manifest under `file|<host>|<model>|<revision>|<file>`
 * and its chunks under `chunk|<host>|<model>|<revision>|<file>|<index>`.
 *
 * Each part has `%` and `|` percent-escaped, so a `|` inside a model id or path can never shift
 * the boundaries (`a|b` + `c` and `a` + `b|c` stay two keys), and the escaping is reversible. Only
 * those two characters are touched, so keys stay readable in DevTools.
 */

/** The part of a key that names one file, without the `file|` / `chunk|` tag. */
function fileId(key: StoredFileKey): string {
  return [key.host, key.model, key.revision, key.file].map(escapePart).join('|');
}

export function manifestKey(key: StoredFileKey): string {
  return `file|${fileId(key)}`;
}

export function chunkKey(key: StoredFileKey, index: number): string {
  return `${chunkPrefix(key)}${index}`;
}

/**
 * Every chunk key of a file starts with this; as the parts never contain `|`, no other file's
 * chunk key does (`…|model.onnx|` is not a prefix of `…|model.onnx_data|0`).
 */
export function chunkPrefix(key: StoredFileKey): string {
  return `chunk|${fileId(key)}|`;
}

/** What a store key names, or undefined for a key this layout did not write. */
export type ParsedStoreKey =
  | { kind: 'file'; key: StoredFileKey }
  | { kind: 'chunk'; key: StoredFileKey; index: number };

export function parseStoreKey(raw: unknown): ParsedStoreKey | undefined {
  if (typeof raw !== 'string') return undefined;
  const parts = raw.split('|');
  const [tag, host, model, revision, file, index] = parts;
  if (host === undefined || model === undefined || revision === undefined || file === undefined) return undefined;
  const key = { host: unescapePart(host), model: unescapePart(model), revision: unescapePart(revision), file: unescapePart(file) };
  if (tag === 'file' && parts.length === 5) return { kind: 'file', key };
  if (tag === 'chunk' && parts.length === 6 && index !== undefined && /^\d+$/.test(index)) {
    return { kind: 'chunk', key, index: Number(index) };
  }
  return undefined;
}

/** Whether a key matches a filter whose absent (or undefined) fields match anything. */
export function matchesFilter(key: StoredFileKey, filter: { [K in keyof StoredFileKey]?: StoredFileKey[K] | undefined } | undefined): boolean {
  if (!filter) return true;
  return (
    (filter.host === undefined || filter.host === key.host) &&
    (filter.model === undefined || filter.model === key.model) &&
    (filter.revision === undefined || filter.revision === key.revision) &&
    (filter.file === undefined || filter.file === key.file)
  );
}

function escapePart(part: string): string {
  return part.replace(/%/g, '%25').replace(/\|/g, '%7C');
}

function unescapePart(part: string): string {
  // %7C first would turn an escaped "%257C" into "%|"; decoding both in one pass cannot.
  return part.replace(/%(25|7C)/g, (_match, code: string) => (code === '25' ? '%' : '|'));
}

/**
 * The exclusive upper bound of the keys that start with `prefix` (which ends with `|`): the same
 * string with that `|` (U+007C) raised to `}` (U+007D). So `[prefix, bound)` is exactly the prefix.
 */
export function prefixEnd(prefix: string): string {
  if (!prefix.endsWith('|')) throw new Error(`store key prefix must end with "|": ${prefix}`);
  return `${prefix.slice(0, -1)}}`;
}

/** The prefix of every manifest key. */
export const MANIFEST_PREFIX = 'file|';
