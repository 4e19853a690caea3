import type { OrtModule } from '../engine/ort.js';
import { ProtoWriter } from '../model/onnx/wire-writer.js';

/**
 * Starts onnxruntime-web's WebAssembly runtime now, by creating (and releasing) a session of a
 * one-node model, so that the model's own session creation later finds it running. In a fresh
 * worker the first session also fetches and compiles onnxruntime's .wasm, starts its thread pool
 * (one more worker per thread, each instantiating the module) and initialises the runtime; done
 * here, that overlaps the reading of the weights instead of following it. Never rejects: a
 * failure here shows up, with its real cause, when the model's session is created.
 *
 * @example
 * void prewarmRuntime(ort); // then read the weights and create the session as usual
 */
export async function prewarmRuntime(ort: OrtModule): Promise<void> {
  try {
    const session = await ort.InferenceSession.create(identityModel(), { executionProviders: ['wasm'] });
    await session.release();
  } catch {
    // See above: the model's own session creation reports it.
  }
}

/** ModelProto (ir_version 8, opset 13) of y = Identity(x), x and y float[1]. */
function identityModel(): Uint8Array {
  // ValueInfoProto { name, type: TypeProto { tensor_type { elem_type FLOAT, shape { dim { dim_value 1 } } } } }
  const valueInfo = (name: string): ProtoWriter =>
    new ProtoWriter().string(1, name).message(2, new ProtoWriter().message(1, new ProtoWriter().uint(1, 1).message(2, new ProtoWriter().message(1, new ProtoWriter().int(1, 1)))));
  const node = new ProtoWriter().string(1, 'x').string(2, 'y').string(3, 'n').string(4, 'Identity');
  const graph = new ProtoWriter().message(1, node).string(2, 'prewarm').message(11, valueInfo('x')).message(12, valueInfo('y'));
  return new ProtoWriter().uint(1, 8).message(8, new ProtoWriter().string(1, '').uint(2, 13)).message(7, graph).toBytes();
}
