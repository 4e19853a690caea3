import { RerankerError } from '../errors.js';
import knownModels from './known-models.json';
import { redactUrl } from './redact-url.js';

/** The Hugging Face hub, the default model host. */
export const DEFAULT_HOST = 'https://huggingface.co';

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
  if (!/^[\w.-]+(\/[\w.-]+)?$/.test(model)) {
    throw new RerankerError('INVALID_OPTION', `model "${redactUrl(model)}" is neither a hub id (owner/name) nor an http(s) URL`);
  }
  if (!/^[\w.-]+$/.test(revision)) throw new RerankerError('INVALID_OPTION', `revision "${revision}" is not a branch, tag or commit`);
  const origin = host.replace(/\/+$/, '');
  const id = exportOf(model);
  return { baseUrl: `${origin}/${id}/resolve/${encodeURIComponent(revision)}/`, host: origin, model: id, revision };
}

/** The ONNX export that runs a seed model id, or the id itself. */
export function exportOf(model: string): string {
  const table = knownModels as Record<string, string>;
  return model in table && model !== '$comment' ? (table[model] as string) : model;
}
