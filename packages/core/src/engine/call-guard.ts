import { RerankerError } from '../errors.js';

/**
 * The check every engine makes before a call and between batches: a disposed engine answers
 * `DISPOSED`, a call whose caller gave up answers `ABORTED`. One place, so the codes and
 * messages are the same for every model kind.
 */
export function assertCallAlive(disposed: boolean, isCancelled?: () => boolean): void {
  if (disposed) throw new RerankerError('DISPOSED', 'this reranker was disposed');
  if (isCancelled?.()) throw new RerankerError('ABORTED', 'the call was aborted');
}
