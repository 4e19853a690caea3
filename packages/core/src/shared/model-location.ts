import { RerankerError } from '../errors.js';
import { KNOWN_MODELS } from './known-models.js';
import { redactUrl } from './redact-url.js';

/** The Hugging Face hub, the default model host. */
const DEFAULT_HOST = 'https://huggingface.co';

/** Where a model's files are fetched from, and the key they are cached under. */
export interface ModelLocation {
  /** Base URL of the folder: `read(path)` fetches `${baseUrl}${path}`. Ends with '/'. */
  baseUrl: string;
  /** Cache key parts: an origin, a repository id (or the URL path), a revision. */
  host: string;
  model: string;
  revision: string;
}

/**
 * Turns the `model` option into a location. A hub id (`BAAI/bge-reranker-v2-m3`) becomes
 * `${host}/${exportId}/resolve/${revision}/` — the seed's BAAI ids map to the public ONNX exports
 * that run them; a full `http(s)://` URL is a folder used as given. Only this one host is ever
 * contacted for the model.
 */
export function resolveModelLocation(model: string, host = DEFAULT_HOST, revision = 'main'): ModelLocation {
  if (typeof model !== 'string' || model.trim() === '') {
    throw new RerankerError('INVALID_OPTION', 'model must be a hub id such as "BAAI/bge-reranker-v2-m3" or a base URL');
  }
  const url = /^(https?:\/\/[^/?#]+)(\/[^?#]*)?$/i.exec(model);
  if (url) {
    const path = (url[2] ?? '/').replace(/\/*$/, '/');
    return { baseUrl: `${url[1]}${path}`, host: url[1] as string, model: path, revision: 'url' };
  }
  if (/^https?:/i.test(model)) throw new RerankerError('INVALID_OPTION', 'a model URL must be a plain http(s) folder URL, without query or fragment');
  if (!/^[\w.-]+(\/[\w.-]+)?$/.test(model) || hasDotSegment(model)) {
    throw new RerankerError('INVALID_OPTION', `model "${redactUrl(model)}" is neither a hub id (owner/name) nor an http(s) URL`);
  }
  // Branches may hold slashes (`refs/pr/1`, where many ONNX conversions live; `refs/convert/…`):
  // each segment must be a plain name, so no empty, `.` or `..` segment can climb the URL.
  if (typeof revision !== 'string' || !/^[\w.-]+(\/[\w.-]+)*$/.test(revision) || hasDotSegment(revision)) {
    throw new RerankerError('INVALID_OPTION', `revision "${String(revision)}" is not a branch, tag or commit`);
  }
  if (typeof host !== 'string' || !/^https?:\/\/[^/?#]+(\/[^?#]*)?$/i.test(host)) {
    throw new RerankerError('INVALID_OPTION', `host must be an http(s) URL such as "${DEFAULT_HOST}", got ${typeof host === 'string' ? JSON.stringify(host) : typeof host}`);
  }
  const origin = host.replace(/\/+$/, '');
  const id = exportOf(model);
  // Encoded whole, slashes too, as the hub's own clients do (huggingface_hub: quote(revision, safe='')).
  return { baseUrl: `${origin}/${id}/resolve/${encodeURIComponent(revision)}/`, host: origin, model: id, revision };
}

// The seed ids as a Map: looking an id up with `in` on a plain object found inherited keys,
// so `constructor` resolved to Object's constructor function.
const EXPORTS = new Map(Object.entries(KNOWN_MODELS));

/** The ONNX export that runs a seed model id, or the id itself. */
export function exportOf(model: string): string {
  return EXPORTS.get(model) ?? model;
}

function hasDotSegment(path: string): boolean {
  return path.split('/').some((segment) => segment === '.' || segment === '..');
}
