import type * as ortCommon from 'onnxruntime-common';

/**
 * The part of an onnxruntime module the engine uses. onnxruntime-web (page, worker, Node) and
 * onnxruntime-node both export it, so the caller picks the runtime and the engine stays the same.
 *
 * @example
 * import * as ort from 'onnxruntime-web';
 * const reranker = await loadCrossEncoder(ort, httpSource(url));
 */
export type OrtModule = Pick<typeof ortCommon, 'InferenceSession' | 'Tensor'>;
export type OrtSession = ortCommon.InferenceSession;
export type OrtSessionOptions = ortCommon.InferenceSession.SessionOptions;
export type OrtTensor = ortCommon.Tensor;
export type OrtRunResult = ortCommon.InferenceSession.ReturnType;
