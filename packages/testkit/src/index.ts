// @webrerank/testkit: deterministic bge-reranker-shaped models for tests and benchmarks.
export { generateBeirFiles, generateBeirFolder, type BeirFiles, type BeirFolder, type BeirFolderOptions } from './beir-folder.js';
export { ensureTinyModel, MODELS_DIR, type EnsureOptions } from './ensure.js';
export { forwardLogits, type ForwardInput } from './forward.js';
export {
  generateModel, ONNX_IR_VERSION, ONNX_OPSET, type GenerateOptions, type GeneratedModel,
} from './generate.js';
export { f16ToNumber, toFloat16 } from './half.js';
export {
  inspectOnnx, type InspectedModel, type InspectedNode, type InspectedTensor, type InspectedValue,
} from './onnx-inspect.js';
export { seededRandom } from './prng.js';
export { isPresetName, PRESETS, type ModelShape, type PresetName } from './presets.js';
export { GENERATOR_VERSION } from './version.js';
export { MASK_TOKEN, SPECIAL_TOKENS, UNK_ID } from './vocab.js';
export { generateWeights, type Param, type Weights } from './weights.js';
export { LAYER_NORM_EPS, MASK_MIN, PAD_TOKEN_ID } from './xlmr-graph.js';
export * as xlmrTinySample from './xlmr-tiny-sample.js';
