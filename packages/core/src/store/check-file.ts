import { RerankerError } from '../errors.js';
import { readFields, type WireField } from '../model/onnx/wire.js';

/**
 * Checks that bytes are plausibly the model file `path` names, before they are cached or used:
 * a `.json` file must parse as a JSON object, an `.onnx` file must begin like an ONNX ModelProto.
 * Returns why not, or undefined when they pass. Other files (`.onnx_data`: raw tensors) have no
 * form to check; their size and sha256 are checked by the download.
 *
 * Why: a server (a captive portal, a CDN error page, a proxy cutting a file short) can answer 200
 * with the wrong body, and the hub announces no sha256 for its small JSON files. Stored unchecked,
 * one such answer would fail every later load from the cache.
 *
 * @example
 * checkModelFile('config.json', bytes); // 'it is not JSON (it starts with "<!doctype html>…")'
 */
export function checkModelFile(path: string, bytes: Uint8Array): string | undefined {
  const name = path.toLowerCase();
  if (name.endsWith('.json')) return checkJson(bytes, name.slice(name.lastIndexOf('/') + 1));
  if (name.endsWith('.onnx')) return checkOnnx(bytes);
  return undefined;
}

/** `checkModelFile` for a download: a failure is `MODEL_FETCH_FAILED` naming the URL (credentials already removed). */
export function assertDownloadedFile(path: string, bytes: Uint8Array, url: string): void {
  const problem = checkModelFile(path, bytes);
  if (problem !== undefined) {
    throw new RerankerError('MODEL_FETCH_FAILED', `the server answered ${url} with something that is not that file: ${problem}`);
  }
}

/**
 * What a JSON error answer (`{"error": "Entry not found"}`, sent with 200 by some mirrors) lacks:
 * every transformers config names its `model_type` (and usually `architectures`), every
 * tokenizers file has a `model`. Other JSON files only need to be objects.
 */
const REQUIRED_KEYS: Record<string, string[]> = {
  'config.json': ['model_type', 'architectures'],
  'tokenizer.json': ['model'],
};

function checkJson(bytes: Uint8Array, fileName: string): string | undefined {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return `it is not JSON (${detail}; ${bytes.length} bytes starting with ${preview(bytes)})`;
  }
  // Every JSON file of a model folder (config, tokenizer, generation config) is one object.
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return `it is JSON but not an object (${preview(bytes)})`;
  const keys = REQUIRED_KEYS[fileName];
  if (keys && !keys.some((key) => key in value)) return `it is JSON without ${keys.map((k) => `"${k}"`).join(' or ')} (${preview(bytes)})`;
  return undefined;
}

/**
 * An ONNX file is a protobuf ModelProto. Writers emit fields in field order, so the first one is
 * `ir_version` (field 1, varint); others are accepted if they are ModelProto fields with the right
 * wire type. Text (HTML, JSON, an error message) never starts that way: '<' and '{' are not
 * ModelProto tags. Then the top-level fields are walked (a few of them: the graph is one field,
 * skipped by its length, not parsed): they must end exactly at the end of the file and include
 * the graph, so a file cut short is caught even where no host sha256 or size says so.
 */
function checkOnnx(bytes: Uint8Array): string | undefined {
  const bad = `it does not start like an ONNX model (${bytes.length} bytes starting with ${preview(bytes)})`;
  if (bytes.length < 16) return bad;
  const tag = readVarint(bytes, 0);
  if (!tag) return bad;
  const field = tag.value >>> 3;
  const wire = tag.value & 7;
  // ModelProto: 1 ir_version and 5 model_version are varints; 2-4, 6-8, 14, 20, 25 are length-delimited.
  const varintFields = [1, 5];
  const lengthFields = [2, 3, 4, 6, 7, 8, 14, 20, 25];
  if (!(wire === 0 && varintFields.includes(field)) && !(wire === 2 && lengthFields.includes(field))) return bad;
  if (field === 1) {
    const version = readVarint(bytes, tag.next);
    // IR versions so far are 1-11; leave room for new ones, but not for a random number.
    if (!version || version.value < 1 || version.value > 64) return bad;
  }
  let fields: WireField[];
  try {
    fields = readFields(bytes);
  } catch {
    return `it is not a complete ONNX model: its fields run past its ${bytes.length} bytes (cut short?)`;
  }
  if (!fields.some((f) => f.field === 7 && f.wire === 2)) return `it is not a complete ONNX model: it has no graph (${bytes.length} bytes)`;
  return undefined;
}

function readVarint(bytes: Uint8Array, offset: number): { value: number; next: number } | undefined {
  let value = 0;
  for (let i = 0; i < 5 && offset + i < bytes.length; i++) {
    const byte = bytes[offset + i] as number;
    value += (byte & 0x7f) * 2 ** (7 * i);
    if ((byte & 0x80) === 0) return { value, next: offset + i + 1 };
  }
  return undefined;
}

/** The first bytes as quoted text (non-printable bytes as '.'), for a message a person can act on. */
function preview(bytes: Uint8Array): string {
  const head = Array.from(bytes.subarray(0, 32), (b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('');
  return JSON.stringify(head + (bytes.length > 32 ? '…' : ''));
}
