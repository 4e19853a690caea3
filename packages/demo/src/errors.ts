// Turns any failure into words for people: what went wrong, which file, and what to try next.
import { hostLabel, type HostKind } from './models.js';

export interface Explained {
  code: string;
  title: string;
  detail: string;
  /** The model file involved, when the error names one (e.g. onnx/model_q4.onnx). */
  file: string | undefined;
  hints: string[];
}

export interface ErrorContext {
  model: string;
  host: HostKind;
  device: string;
  dtype: string;
}

/** The `code` of a RerankerError (also after it crossed the worker boundary), if it has one. */
export function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error === 'string' ? error : String(error);
}

/** The model file a URL names: the part after /resolve/{revision}/, else its last segment. */
function fileOfUrl(url: string): string | undefined {
  const resolved = /\/resolve\/[^/]+\/(.+)$/.exec(url)?.[1];
  if (resolved !== undefined) return resolved;
  const last = url.split(/[?#]/)[0]?.split('/').pop();
  return last ? last : undefined;
}

/**
 * The model files a library message names: "<url> does not exist (HTTP 404)", "<folder> has no
 * onnx/model_q4.onnx for dtype q4", "could not fetch <url>" — several of them when every device
 * option failed in turn ("no usable model file: webgpu/fp32: …; wasm/q8: …").
 */
function filesIn(message: string): string[] {
  const files = new Set<string>();
  for (const match of message.matchAll(/has no (\S+) for dtype/g)) files.add(match[1] as string);
  for (const match of message.matchAll(/\bhttps?:\/\/[^\s;,)]+/g)) {
    const file = fileOfUrl(match[0]);
    if (file !== undefined) files.add(file);
  }
  return [...files];
}

const isWeights = (file: string): boolean => /\.onnx(_data(_\d+)?)?$/.test(file);

export function explain(error: unknown, context: ErrorContext): Explained {
  const code = errorCode(error) ?? 'UNEXPECTED';
  const message = messageOf(error);
  const files = filesIn(message);
  const file = files[0];
  const where = hostLabel(context.host);
  const tryTestModel = 'Pick a test model: they are served by this app and need no internet.';
  const base = { code, detail: message, file };

  switch (code) {
    case 'MODEL_FILE_NOT_FOUND': {
      // A missing config.json or tokenizer means there is no such model at all; a missing
      // .onnx file, that the model lacks weights of that dtype.
      const weights = files.filter(isWeights);
      if (weights.length > 0 && weights.length === files.length) {
        const list = weights.join(', ');
        return {
          ...base,
          file: weights[0],
          title: `${context.model} has no ${context.dtype === 'auto' ? 'usable' : context.dtype} weights on ${where}`,
          hints: [
            `The file ${list} does not exist there (HTTP 404).`,
            context.dtype === 'auto' ? 'Pick another model.' : 'Pick another weights type, or “auto” to let the app choose one this model has.',
          ],
        };
      }
      return {
        ...base,
        file: files.find((f) => !isWeights(f)) ?? file,
        title: `No model “${context.model}” on ${where}`,
        hints: [
          `${files.find((f) => !isWeights(f)) ?? file ?? 'A model file'} was not found there (HTTP 404).`,
          'Check the model id (owner/name) and where it is served from, or pick another model.',
        ],
      };
    }
    case 'MODEL_FETCH_FAILED': {
      const offline = typeof navigator !== 'undefined' && !navigator.onLine;
      const http = /HTTP (\d{3})/.exec(message)?.[1];
      const brokeOff = /broke off/.test(message);
      return {
        ...base,
        title: `Could not download ${file ?? 'the model'} from ${where}`,
        hints: [
          offline
            ? 'This device is offline. Models stored on it still work; this one is not stored (yet).'
            : http
              ? `The server answered HTTP ${http}.`
              : brokeOff
                ? 'The connection broke off during the download.'
                : `${where} could not be reached (no network, a firewall, or a proxy in the way).`,
          'Press Rerank to try again: files that were downloaded completely are kept.',
          ...(context.host === 'hub' ? [tryTestModel] : []),
        ],
      };
    }
    case 'INTEGRITY_MISMATCH':
      return {
        ...base,
        title: `${file ?? 'A model file'} arrived damaged`,
        hints: ['Its checksum does not match the one its server announced, so it was not used.', 'Press Rerank to download it again.'],
      };
    case 'WEBGPU_UNAVAILABLE':
      return {
        ...base,
        title: 'WebGPU is not available in this browser',
        hints: ['Choose the device “auto” (it falls back to WASM) or “WASM”.'],
      };
    case 'SESSION_CREATE_FAILED':
      return {
        ...base,
        title: `onnxruntime could not start ${context.model} on ${context.device}`,
        hints: ['Try another device (WASM works everywhere) or another weights type.'],
      };
    case 'MODEL_NOT_SUPPORTED':
      return {
        ...base,
        title: `${context.model} is not a model this app can run`,
        hints: ['It needs an XLM-RoBERTa cross-encoder exported to ONNX, like the BAAI bge-reranker models.'],
      };
    case 'INFERENCE_FAILED':
      return {
        ...base,
        title: 'Scoring failed',
        hints: ['Try fewer or shorter passages, or another device.'],
      };
    case 'INPUT_TOO_LONG':
      return { ...base, title: 'A passage is too long for this model', hints: ['Shorten the longest passages.'] };
    case 'WORKER_CRASHED':
      return {
        ...base,
        title: 'The model’s worker stopped',
        hints: ['This often means the browser ran out of memory. Try q8 weights or a smaller model.', 'Press Rerank to start it again.'],
      };
    case 'INVALID_OPTION':
    case 'INVALID_INPUT':
      return { ...base, title: 'The request was not valid', hints: ['Model ids look like owner/name, e.g. BAAI/bge-reranker-base.'] };
    case 'QUOTA_EXCEEDED':
    case 'CACHE_UNAVAILABLE':
      return { ...base, title: 'The model could not be stored on this device', hints: ['Free some storage, or clear stored models.'] };
    default:
      return {
        ...base,
        title: 'Something went wrong',
        hints: ['Reload the page and try again. If it keeps happening, try another device or model.'],
      };
  }
}
