// config.json of an XLMRobertaForSequenceClassification reranker (fields as in
// reference/xlmr-tiny/config.json, which transformers 5.17 wrote).
import type { ModelShape } from './presets.js';
import { LAYER_NORM_EPS, PAD_TOKEN_ID } from './xlmr-graph.js';

export function configJson(shape: ModelShape, externalData = false): object {
  return {
    add_cross_attention: false,
    architectures: ['XLMRobertaForSequenceClassification'],
    attention_probs_dropout_prob: 0.1,
    bos_token_id: 0,
    classifier_dropout: null,
    dtype: 'float32',
    eos_token_id: 2,
    hidden_act: 'gelu',
    hidden_dropout_prob: 0.1,
    hidden_size: shape.hiddenSize,
    id2label: { '0': 'LABEL_0' },
    initializer_range: 0.2,
    intermediate_size: shape.intermediateSize,
    is_decoder: false,
    label2id: { LABEL_0: 0 },
    layer_norm_eps: LAYER_NORM_EPS,
    max_position_embeddings: shape.maxPositionEmbeddings,
    model_type: 'xlm-roberta',
    num_attention_heads: shape.numAttentionHeads,
    num_hidden_layers: shape.numHiddenLayers,
    pad_token_id: PAD_TOKEN_ID,
    position_embedding_type: 'absolute',
    tie_word_embeddings: true,
    transformers_version: '5.17.0',
    type_vocab_size: 1,
    use_cache: true,
    vocab_size: shape.vocabSize,
    // As the hub's large exports declare it: loaders (transformers.js, webrerank) fetch
    // `<file>.onnx_data` only when config.json says the weights live there.
    ...(externalData ? { 'transformers.js_config': { use_external_data_format: true } } : {}),
  };
}
