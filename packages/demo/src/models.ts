// The models the picker offers. Test models are served by this app itself under /hub (see
// packages/demo/vite/local-hub.ts), so the demo runs with no internet; the BAAI models come from
// the Hugging Face hub (the library maps their ids to public ONNX exports).

export type HostKind = 'local' | 'hub';

export interface ModelChoice {
  /** The picker's option value. */
  value: string;
  /** What createReranker gets as `model`. */
  id: string;
  host: HostKind;
  label: string;
  note: string;
  group: 'test' | 'baai';
}

export const CUSTOM = 'custom';

export const MODELS: readonly ModelChoice[] = [
  {
    value: 'webrerank-test/tiny',
    id: 'webrerank-test/tiny',
    host: 'local',
    label: 'Tiny test model (random weights)',
    note: 'A generated 2-layer XLM-R cross-encoder with random weights, served by this app: it works offline, but its scores mean nothing.',
    group: 'test',
  },
  {
    value: 'webrerank-test/xlmr-tiny',
    id: 'webrerank-test/xlmr-tiny',
    host: 'local',
    label: 'XLM-R tiny reference (random weights)',
    note: 'The reference test model FlagEmbedding scores were recorded with, served by this app. Random weights: the ranking is arbitrary.',
    group: 'test',
  },
  {
    value: 'webrerank-test/gemma-tiny',
    id: 'webrerank-test/gemma-tiny',
    host: 'local',
    label: 'Gemma-style LLM reranker, tiny (random weights)',
    note: 'A tiny decoder LLM reranker laid out like bge-reranker-v2-gemma (score: the logit of "Yes"), served by this app. Random weights: the ranking is arbitrary. fp32 only.',
    group: 'test',
  },
  {
    value: 'webrerank-test/minicpm-layerwise-tiny',
    id: 'webrerank-test/minicpm-layerwise-tiny',
    host: 'local',
    label: 'Layerwise LLM reranker, tiny (random weights)',
    note: 'A tiny layerwise LLM reranker laid out like bge-reranker-v2-minicpm-layerwise, served by this app: ranked by its last layer, with the score of every layer shown. Random weights: the ranking is arbitrary. fp32 only.',
    group: 'test',
  },
  {
    value: 'BAAI/bge-reranker-base',
    id: 'BAAI/bge-reranker-base',
    host: 'hub',
    label: 'BAAI/bge-reranker-base (278M, English + Chinese)',
    note: 'Downloaded from huggingface.co once (about 280 MB as q8, 1.1 GB as fp32), then kept on this device.',
    group: 'baai',
  },
  {
    value: 'BAAI/bge-reranker-large',
    id: 'BAAI/bge-reranker-large',
    host: 'hub',
    label: 'BAAI/bge-reranker-large (560M, English + Chinese)',
    note: 'Downloaded from huggingface.co once (about 560 MB as q8, 2.2 GB as fp32), then kept on this device.',
    group: 'baai',
  },
  {
    value: 'BAAI/bge-reranker-v2-m3',
    id: 'BAAI/bge-reranker-v2-m3',
    host: 'hub',
    label: 'BAAI/bge-reranker-v2-m3 (568M, multilingual)',
    note: 'Downloaded from huggingface.co once (about 570 MB as q8, 2.3 GB as fp32), then kept on this device.',
    group: 'baai',
  },
  {
    value: 'BAAI/bge-reranker-v2-gemma',
    id: 'BAAI/bge-reranker-v2-gemma',
    host: 'hub',
    label: 'BAAI/bge-reranker-v2-gemma (2.5B LLM reranker, multilingual)',
    note: 'An LLM reranker (Gemma-2B): downloaded from huggingface.co once, several GB, then kept on this device. Needs a lot of memory; WebGPU strongly advised.',
    group: 'baai',
  },
  {
    value: 'BAAI/bge-reranker-v2-minicpm-layerwise',
    id: 'BAAI/bge-reranker-v2-minicpm-layerwise',
    host: 'hub',
    label: 'BAAI/bge-reranker-v2-minicpm-layerwise (2.7B layerwise LLM reranker)',
    note: 'A layerwise LLM reranker (MiniCPM-2B): ranked by its last layer, with every layer\'s score shown. Downloaded from huggingface.co once, several GB, then kept on this device; WebGPU strongly advised.',
    group: 'baai',
  },
];

export const DEFAULT_MODEL = 'webrerank-test/tiny';

/** The `host` option for a kind of host. */
export function hostUrl(kind: HostKind): string | undefined {
  return kind === 'local' ? `${location.origin}/hub` : undefined; // undefined: the library's default, huggingface.co
}

export function hostLabel(kind: HostKind): string {
  return kind === 'local' ? 'this app (/hub)' : 'huggingface.co';
}

/** How the weights picker names each dtype. */
export const DTYPE_LABELS: Record<string, string> = {
  auto: 'auto',
  fp32: 'fp32 (full precision)',
  fp16: 'fp16 (half precision)',
  q8: 'q8 (8-bit quantized)',
  int8: 'int8',
  uint8: 'uint8',
  q4: 'q4 (4-bit)',
  q4f16: 'q4f16',
  bnb4: 'bnb4',
};
