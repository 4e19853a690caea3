import { RerankerError } from '../../errors.js';
import { payload, readFields, text, type WireField } from './wire.js';

// Field numbers of onnx.proto (ONNX 1.x): only those the graph cut needs.
const MODEL_GRAPH = 7;
const MODEL_OPSET_IMPORT = 8;
const OPSET = { domain: 1, version: 2 } as const;
const GRAPH = { node: 1, initializer: 5, input: 11, output: 12, valueInfo: 13, sparseInitializer: 15 } as const;
const NODE = { input: 1, output: 2, opType: 4, attribute: 5, domain: 7 } as const;
const ATTRIBUTE = { graph: 6, graphs: 11 } as const;
const TENSOR_NAME = 8;
const SPARSE_VALUES = 1;
const VALUE_INFO_NAME = 1;

/** What a GraphProto field is, for the graph cut; `other` fields are kept as they are. */
export type GraphEntryKind = 'node' | 'initializer' | 'input' | 'output' | 'value_info' | 'other';

/** One field of the GraphProto, with its raw bytes' range in the file and what the cut needs. */
export interface GraphEntry {
  kind: GraphEntryKind;
  field: WireField;
  /** The value name (initializers, inputs, outputs, value_info). */
  name: string;
  /** Nodes: the values read, including those read from the outer scope by subgraphs (If, Loop, Scan). */
  inputs: string[];
  /** Nodes: the values written. */
  outputs: string[];
  /** Nodes: the operator, as `domain:op_type` outside the default domain (`com.microsoft:Attention`). */
  opType: string;
  /** Nodes: the node's own inputs by position ('' for an omitted optional one), without subgraph reads. */
  args: string[];
}

/** A ModelProto read just far enough to cut its graph. */
export interface OnnxModelView {
  bytes: Uint8Array;
  /** Every ModelProto field, in file order. */
  modelFields: WireField[];
  /** The `graph` field among them. */
  graphField: WireField;
  /** Every GraphProto field, in file order. */
  graph: GraphEntry[];
  /** The opset version of each imported domain ('' is the default ONNX domain). */
  opsets: Map<string, number>;
}

/**
 * Reads the graph structure of an ONNX model: nodes with their inputs and outputs, initializers,
 * graph inputs, outputs and value_info by name. Tensor payloads and every other field are not
 * decoded, only located, so they can be copied unchanged.
 *
 * @example
 * const view = readOnnxModel(bytes);
 * view.graph.filter((e) => e.kind === 'output').map((e) => e.name); // ['layer_2_logits', ...]
 */
export function readOnnxModel(bytes: Uint8Array): OnnxModelView {
  const modelFields = readFields(bytes);
  const graphFields = modelFields.filter((f) => f.field === MODEL_GRAPH && f.wire === 2);
  const graphField = graphFields[0];
  if (graphField === undefined || graphFields.length > 1) {
    throw new RerankerError('MODEL_NOT_SUPPORTED', `the ONNX file has ${graphFields.length} graphs; exactly one was expected`);
  }
  const graph = readFields(bytes, graphField.valueStart, graphField.end).map((field) => graphEntry(bytes, field));
  const opsets = new Map<string, number>();
  for (const f of modelFields) {
    if (f.field !== MODEL_OPSET_IMPORT || f.wire !== 2) continue;
    const body = payload(bytes, f);
    const version = readFields(body).find((v) => v.field === OPSET.version && v.wire === 0)?.varint ?? 0;
    opsets.set(stringField(body, OPSET.domain), version);
  }
  return { bytes, modelFields, graphField, graph, opsets };
}

function graphEntry(bytes: Uint8Array, field: WireField): GraphEntry {
  const entry: GraphEntry = { kind: 'other', field, name: '', inputs: [], outputs: [], opType: '', args: [] };
  if (field.wire !== 2) return entry;
  const body = payload(bytes, field);
  switch (field.field) {
    case GRAPH.node:
      return { ...entry, kind: 'node', ...nodeValues(body) };
    case GRAPH.initializer:
      return { ...entry, kind: 'initializer', name: stringField(body, TENSOR_NAME) };
    case GRAPH.sparseInitializer: {
      const values = readFields(body).find((f) => f.field === SPARSE_VALUES && f.wire === 2);
      return { ...entry, kind: 'initializer', name: values ? stringField(payload(body, values), TENSOR_NAME) : '' };
    }
    case GRAPH.input:
      return { ...entry, kind: 'input', name: stringField(body, VALUE_INFO_NAME) };
    case GRAPH.output:
      return { ...entry, kind: 'output', name: stringField(body, VALUE_INFO_NAME) };
    case GRAPH.valueInfo:
      return { ...entry, kind: 'value_info', name: stringField(body, VALUE_INFO_NAME) };
    default:
      return entry;
  }
}

function nodeValues(node: Uint8Array): { inputs: string[]; outputs: string[]; opType: string; args: string[] } {
  const args: string[] = [];
  const reads: string[] = [];
  const outputs: string[] = [];
  let opType = '';
  let domain = '';
  for (const f of readFields(node)) {
    if (f.wire !== 2) continue;
    if (f.field === NODE.input) args.push(text(node, f));
    else if (f.field === NODE.output) outputs.push(text(node, f));
    else if (f.field === NODE.opType) opType = text(node, f);
    else if (f.field === NODE.domain) domain = text(node, f);
    else if (f.field === NODE.attribute) reads.push(...subgraphReads(payload(node, f)));
  }
  const op = domain === '' || domain === 'ai.onnx' ? opType : `${domain}:${opType}`;
  return { inputs: [...args, ...reads], outputs, opType: op, args };
}

// A subgraph may read any value of the enclosing graphs by name. Every name its nodes read
// counts as a dependency of the node that owns it: names that are in fact local to the
// subgraph then keep at most a few extra nodes, never drop a needed one.
function subgraphReads(attribute: Uint8Array): string[] {
  const reads: string[] = [];
  for (const f of readFields(attribute)) {
    if (f.wire !== 2 || (f.field !== ATTRIBUTE.graph && f.field !== ATTRIBUTE.graphs)) continue;
    const graph = payload(attribute, f);
    for (const g of readFields(graph)) {
      if (g.field === GRAPH.node && g.wire === 2) reads.push(...nodeValues(payload(graph, g)).inputs);
    }
  }
  return reads;
}

function stringField(message: Uint8Array, fieldNumber: number): string {
  const f = readFields(message).find((x) => x.field === fieldNumber && x.wire === 2);
  return f ? text(message, f) : '';
}
