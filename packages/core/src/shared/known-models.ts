// BAAI's reranker ids and the public ONNX exports that run them, with files named as
// transformers.js names them. Other ids and URLs are used as given. A module rather than JSON:
// the built package must load in Node ESM, where a JSON import needs import attributes.
export const KNOWN_MODELS: Readonly<Record<string, string>> = {
  'BAAI/bge-reranker-base': 'Xenova/bge-reranker-base',
  'BAAI/bge-reranker-large': 'Xenova/bge-reranker-large',
  'BAAI/bge-reranker-v2-m3': 'onnx-community/bge-reranker-v2-m3-ONNX',
};
