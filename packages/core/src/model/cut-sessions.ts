import { layerOutputName, type LayerSessions } from '../engine/layer-sessions.js';
import type { OrtSession } from '../engine/ort.js';

/** How to make a session of the graph cut down to some outputs (see pruneOnnxModel). */
export type OpenCutSession = (outputs: string[]) => Promise<OrtSession>;

/**
 * The sessions of a layerwise model: the full graph's, and one per cut made on demand. A cut at
 * layer k keeps the outputs of every available layer up to k, so one session serves every call
 * whose deepest layer is k. Without `openCut` (early exit off, or a graph that cannot be cut
 * where it is opened by path with external data) every call uses the full session.
 *
 * @example
 * const sessions = layerSessions(full, (outputs) => sessionFromBytes(ort, pruneOnnxModel(graph, outputs), [], files, {}));
 * await sessions.sessionFor(3); // runs layers 1..3 only
 */
export function layerSessions(full: OrtSession, openCut: OpenCutSession | undefined): LayerSessions {
  const available = full.outputNames
    .map((name) => /^layer_(\d+)_logits$/.exec(name)?.[1])
    .filter((k): k is string => k !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
  const deepest = available.at(-1) ?? 0;
  const cuts = new Map<number, Promise<OrtSession>>();
  return {
    available,
    sessionFor(layer) {
      if (!openCut || layer >= deepest) return Promise.resolve(full);
      let cut = cuts.get(layer);
      if (!cut) {
        cut = openCut(available.filter((k) => k <= layer).map(layerOutputName));
        cuts.set(layer, cut);
        // A failed cut is not cached: the next call tries again.
        cut.catch(() => cuts.delete(layer));
      }
      return cut;
    },
    async release() {
      const sessions = await Promise.allSettled([...cuts.values()]);
      cuts.clear();
      await Promise.all([full, ...sessions.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []))].map((s) => s.release()));
    },
  };
}
