import { RerankerError } from '../errors.js';

/**
 * Where the files of a Hugging Face-layout model folder come from: a directory in Node, a base
 * URL in a browser or in Node, the IndexedDB store later. Paths are relative to the folder
 * (`config.json`, `onnx/model.onnx`).
 *
 * `read` rejects with a RerankerError: `MODEL_FILE_NOT_FOUND` when the file does not exist (so
 * optional files can be probed), `MODEL_FETCH_FAILED` for every other failure.
 */
export interface ModelSource {
  /** Where the folder is, for messages (a path or URL, never credentials). */
  readonly location: string;
  read(path: string, options?: ReadOptions): Promise<Uint8Array>;
  /** The file's path on the local disk, for runtimes that load a model by path (onnxruntime-node). */
  localPath?(path: string): string;
}

export interface ReadOptions {
  /** Stops this one read: a download in flight is cancelled and the read rejects with `ABORTED`. */
  signal?: AbortSignal | undefined;
}

/** Reads a file and parses it as JSON. */
export async function readJson(source: ModelSource, path: string): Promise<unknown> {
  const bytes = await source.read(path);
  try {
    return JSON.parse(new TextDecoder().decode(bytes)) as unknown;
  } catch (error) {
    throw new RerankerError('MODEL_NOT_SUPPORTED', `${path} in ${source.location} is not valid JSON`, { cause: error });
  }
}
