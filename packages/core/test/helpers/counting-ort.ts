import * as ort from 'onnxruntime-web';
import type { OrtModule } from '../../src/engine/ort.js';

/** onnxruntime-web whose sessions count their runs: "before any scoring" means zero runs. */
export function countingOrt(): { ort: OrtModule; runs: () => number } {
  let runs = 0;
  const create = (async (...args: Parameters<typeof ort.InferenceSession.create>) => {
    const session = await ort.InferenceSession.create(...args);
    const run = session.run.bind(session);
    session.run = ((...runArgs: Parameters<typeof run>) => {
      runs++;
      return run(...runArgs);
    }) as typeof session.run;
    return session;
  }) as typeof ort.InferenceSession.create;
  return { ort: { Tensor: ort.Tensor, InferenceSession: { ...ort.InferenceSession, create } as typeof ort.InferenceSession }, runs: () => runs };
}
