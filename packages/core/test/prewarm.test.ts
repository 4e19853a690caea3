import * as ort from 'onnxruntime-web';
import { describe, expect, it } from 'vitest';
import type { OrtModule } from '../src/engine/ort.js';
import { prewarmRuntime } from '../src/worker/prewarm.js';

ort.env.wasm.numThreads = 1;

// prewarmRuntime never rejects, so a model onnxruntime refused would go unnoticed: the runtime
// would simply not start early. This checks that its one-node model is a real session that runs,
// and that the session is released.
describe('prewarmRuntime', () => {
  it('creates, runs and releases a session of its one-node model on onnxruntime-web', async () => {
    const created: ort.InferenceSession[] = [];
    let released = 0;
    let output: number[] | string = 'not run';
    const spy = {
      ...ort,
      InferenceSession: {
        create: async (model: Uint8Array, options: ort.InferenceSession.SessionOptions) => {
          expect(options.executionProviders).toEqual(['wasm']);
          const session = await ort.InferenceSession.create(model, options);
          created.push(session);
          const release = session.release.bind(session);
          session.release = async () => {
            // Run it before it goes (prewarmRuntime swallows errors: keep what happened).
            output = await runIdentity(session).catch((error: unknown) => String(error));
            await release();
            released++;
          };
          return session;
        },
      },
    } as unknown as OrtModule;
    await prewarmRuntime(spy);
    expect(created).toHaveLength(1);
    expect(output).toEqual([3.5]); // Identity gives its input back
    expect(released).toBe(1);
  });

  it('never rejects, whatever onnxruntime does', async () => {
    const failing = { InferenceSession: { create: () => Promise.reject(new Error('no wasm here')) } } as unknown as OrtModule;
    await expect(prewarmRuntime(failing)).resolves.toBeUndefined();
  });
});

async function runIdentity(session: ort.InferenceSession): Promise<number[]> {
  const out = await session.run({ x: new ort.Tensor('float32', new Float32Array([3.5]), [1]) });
  return Array.from(out.y?.data as Float32Array);
}
