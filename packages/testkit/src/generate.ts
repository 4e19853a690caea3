// Writes a complete Hugging Face-layout model folder, as the hub's ONNX reranker repos
// (e.g. Xenova/bge-reranker-base) lay it out.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { endianness } from 'node:os';
import { join } from 'node:path';
import { configJson } from './config-file.js';
import { fp16Emitter } from './emit-fp16.js';
import { fp32Emitter } from './emit-fp32.js';
import { createQ8Emitter } from './emit-q8.js';
import type { Emitter } from './emitter.js';
import { PRESETS, type ModelShape, type PresetName } from './presets.js';
import { specialTokensMap, tokenizerConfig, tokenizerJson } from './tokenizer-files.js';
import { GENERATOR_VERSION, STAMP_FILE } from './version.js';
import { buildVocab } from './vocab.js';
import { generateWeights } from './weights.js';
import { writeOnnx } from './write-onnx.js';
import { buildXlmrGraph } from './xlmr-graph.js';

export const ONNX_OPSET = 17;
export const ONNX_IR_VERSION = 8;

export interface GenerateOptions {
  readonly preset: PresetName;
  readonly outDir: string;
  /** Store initializers of 1 KiB and more in `onnx/<file>.onnx_data` next to each .onnx. */
  readonly externalData?: boolean;
  /** Called after each step (the CLI prints these lines). */
  readonly onProgress?: (message: string) => void;
}

export interface GeneratedModel {
  readonly dir: string;
  readonly shape: ModelShape;
  /** Paths relative to `dir`, in the order written. */
  readonly files: readonly string[];
}

/** What the stamp file holds; ensureTinyModel() compares it to decide on regeneration. */
export function stampFor(preset: PresetName, externalData: boolean): object {
  return { generator: '@webrerank/testkit', version: GENERATOR_VERSION, preset, externalData };
}

const VARIANTS: readonly { file: string; emitter: () => Emitter }[] = [
  { file: 'model.onnx', emitter: () => fp32Emitter },
  { file: 'model_quantized.onnx', emitter: createQ8Emitter },
  { file: 'model_fp16.onnx', emitter: () => fp16Emitter },
];

export function generateModel(options: GenerateOptions): GeneratedModel {
  // Tensor bytes are written straight from typed arrays, which are host-endian; ONNX wants LE.
  if (endianness() !== 'LE') throw new Error('the generator needs a little-endian host');
  const { outDir, preset, externalData = false } = options;
  const progress = options.onProgress ?? (() => undefined);
  const shape = PRESETS[preset];
  const files: string[] = [];
  const writeJson = (name: string, value: object, indent?: number): void => {
    writeFileSync(join(outDir, name), `${JSON.stringify(value, null, indent)}\n`);
    files.push(name);
  };

  mkdirSync(join(outDir, 'onnx'), { recursive: true });
  rmSync(join(outDir, STAMP_FILE), { force: true }); // re-stamped once everything is written
  writeJson('config.json', configJson(shape, externalData), 2);
  const vocab = buildVocab(shape.vocabSize);
  // Compact, no indentation: the base vocabulary has 250002 entries.
  writeJson('tokenizer.json', tokenizerJson(vocab));
  writeJson('tokenizer_config.json', tokenizerConfig(vocab), 2);
  writeJson('special_tokens_map.json', specialTokensMap(), 2);
  progress('wrote config and tokenizer files');

  const weights = generateWeights(shape);
  progress('generated weights');
  for (const variant of VARIANTS) {
    const graph = buildXlmrGraph(weights, variant.emitter());
    const path = join(outDir, 'onnx', variant.file);
    writeOnnx(path, {
      irVersion: ONNX_IR_VERSION,
      opsetVersion: ONNX_OPSET,
      producerName: '@webrerank/testkit',
      producerVersion: GENERATOR_VERSION,
      graph,
    }, externalData);
    files.push(`onnx/${variant.file}`);
    if (externalData) files.push(`onnx/${variant.file}_data`);
    // A data file left by an earlier --external-data run would sit there unreferenced.
    else rmSync(`${path}_data`, { force: true });
    progress(`wrote onnx/${variant.file}`);
  }
  // Written last: a folder with a stamp is a complete folder.
  writeJson(STAMP_FILE, stampFor(preset, externalData), 2);
  return { dir: outDir, shape, files };
}
