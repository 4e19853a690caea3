import { RerankerError } from '../../errors.js';
import { readOnnxModel, type GraphEntry } from './onnx-graph.js';
import { writeGraph } from './write-graph.js';

/**
 * Cuts an ONNX model down to what `keepOutputs` need: those graph outputs, the nodes they depend
 * on (transitively), the initializers those nodes read, and the value_info of kept values. The
 * graph inputs stay (the caller still feeds them), except initializer-backed inputs of dropped
 * initializers. Everything else - opsets, metadata, functions, fields this reader does not know,
 * tensor payloads and external-data references - is copied byte for byte, so the cut model
 * reads the same external data files as the full one.
 *
 * Used for early exit of layerwise rerankers: onnxruntime runs every node whatever outputs are
 * fetched, so only a smaller graph runs faster.
 *
 * @example
 * const cut = pruneOnnxModel(bytes, ['layer_2_logits', 'layer_3_logits']); // layers 4.. gone
 * const session = await ort.InferenceSession.create(cut);
 */
export function pruneOnnxModel(bytes: Uint8Array, keepOutputs: readonly string[]): Uint8Array {
  const view = readOnnxModel(bytes);
  const outputs = new Set(view.graph.filter((e) => e.kind === 'output').map((e) => e.name));
  const unknown = keepOutputs.filter((name) => !outputs.has(name));
  if (unknown.length > 0) {
    throw new RerankerError('MODEL_NOT_SUPPORTED', `the ONNX graph has no output ${unknown.join(', ')} (outputs: ${[...outputs].join(', ')})`);
  }
  const { nodes, values } = reachable(view.graph, keepOutputs);
  const initializers = new Set(view.graph.filter((e) => e.kind === 'initializer').map((e) => e.name));
  const wanted = new Set(keepOutputs);
  const kept = view.graph.filter((entry) => {
    switch (entry.kind) {
      case 'node': return nodes.has(entry);
      case 'initializer': return values.has(entry.name);
      case 'input': return !initializers.has(entry.name) || values.has(entry.name);
      case 'output': return wanted.has(entry.name);
      case 'value_info': return values.has(entry.name);
      default: return true;
    }
  });
  return writeGraph(view, kept);
}

// Walks back from the outputs to every node and value they depend on.
function reachable(graph: readonly GraphEntry[], outputs: readonly string[]): { nodes: Set<GraphEntry>; values: Set<string> } {
  const producer = new Map<string, GraphEntry>();
  for (const entry of graph) if (entry.kind === 'node') for (const out of entry.outputs) producer.set(out, entry);
  const nodes = new Set<GraphEntry>();
  const values = new Set<string>();
  const pending = [...outputs];
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    if (name === '' || values.has(name)) continue; // '' is an omitted optional input
    values.add(name);
    const node = producer.get(name);
    if (node && !nodes.has(node)) {
      nodes.add(node);
      pending.push(...node.inputs);
    }
  }
  return { nodes, values };
}
