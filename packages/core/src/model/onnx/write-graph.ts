import type { GraphEntry, OnnxModelView } from './onnx-graph.js';
import { encodeVarint } from './wire-writer.js';

/**
 * Writes a model whose graph is `parts`, in order: a GraphEntry is copied byte for byte from the
 * original, a Uint8Array is a new GraphProto field already encoded (tag and length included).
 * Every other ModelProto field (opsets, metadata, functions) is copied unchanged.
 *
 * @example
 * const cut = writeGraph(view, view.graph.filter((e) => e.kind !== 'value_info'));
 */
export function writeGraph(view: OnnxModelView, parts: readonly (GraphEntry | Uint8Array)[]): Uint8Array {
  const size = (part: GraphEntry | Uint8Array): number => (part instanceof Uint8Array ? part.length : part.field.end - part.field.start);
  const graphLength = parts.reduce((sum, part) => sum + size(part), 0);
  const graphHeader = [...encodeVarint(view.graphField.field * 8 + 2), ...encodeVarint(graphLength)];
  const others = view.modelFields.filter((f) => f !== view.graphField);
  const total = others.reduce((sum, f) => sum + (f.end - f.start), 0) + graphHeader.length + graphLength;
  const out = new Uint8Array(total);
  let pos = 0;
  const put = (bytes: ArrayLike<number>): void => {
    out.set(bytes, pos);
    pos += bytes.length;
  };
  for (const field of view.modelFields) {
    if (field !== view.graphField) {
      put(view.bytes.subarray(field.start, field.end));
      continue;
    }
    put(graphHeader);
    for (const part of parts) put(part instanceof Uint8Array ? part : view.bytes.subarray(part.field.start, part.field.end));
  }
  return out;
}
