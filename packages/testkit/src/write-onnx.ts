// Writes a ModelDef to disk chunk by chunk (no whole-file buffer: the base preset's fp32 file
// is 1.1 GB), optionally moving the large initializers to an external data file.
import { closeSync, openSync, writeSync } from 'node:fs';
import { basename } from 'node:path';
import { encodeModel, type ExternalRef, type ModelDef, type TensorDef } from './onnx-proto.js';

/** Tensors below this stay inline: onnx.save_model's default size_threshold. */
const EXTERNAL_THRESHOLD = 1024;
/** onnx.save_model aligns tensors above 1 MB to 64 KiB so that runtimes can mmap them. */
const ALIGN_THRESHOLD = 1024 * 1024;
const ALIGNMENT = 64 * 1024;

function writeChunks(path: string, chunks: readonly Uint8Array[]): void {
  const fd = openSync(path, 'w');
  try {
    for (const chunk of chunks) {
      for (let off = 0; off < chunk.byteLength; ) off += writeSync(fd, chunk, off);
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes `model` to `path`. With `externalData`, initializers of 1 KiB or more go to
 * `<path>_data` (e.g. model.onnx -> model.onnx_data, the name transformers.js looks for),
 * referenced by relative location/offset/length as onnx's external data format says.
 */
export function writeOnnx(path: string, model: ModelDef, externalData = false): void {
  if (!externalData) {
    writeChunks(path, encodeModel(model).finish());
    return;
  }
  const dataPath = `${path}_data`;
  const location = basename(dataPath);
  const dataChunks: Uint8Array[] = [];
  let offset = 0;
  const place = (t: TensorDef): ExternalRef | undefined => {
    if (t.data.byteLength < EXTERNAL_THRESHOLD) return undefined;
    if (t.data.byteLength > ALIGN_THRESHOLD && offset % ALIGNMENT !== 0) {
      const pad = ALIGNMENT - (offset % ALIGNMENT);
      dataChunks.push(new Uint8Array(pad));
      offset += pad;
    }
    const ref = { location, offset, length: t.data.byteLength };
    dataChunks.push(t.data);
    offset += t.data.byteLength;
    return ref;
  };
  const chunks = encodeModel(model, place).finish();
  writeChunks(dataPath, dataChunks);
  writeChunks(path, chunks);
}
