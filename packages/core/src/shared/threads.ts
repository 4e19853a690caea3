/**
 * The most WASM threads ever started. onnxruntime-web starts every thread up front, each with its
 * own stack and a share of the heap: `--threads=1000` once spawned 400+ threads and 2 GB before
 * it was killed, and 100000 crashed the process. Past the core count threads only contend.
 */
export const MAX_THREADS = 64;

/**
 * Caps a requested thread count at the machine's cores (and at MAX_THREADS), with the warning to
 * report when it had to. `cores` is `navigator.hardwareConcurrency` or `os.availableParallelism()`.
 *
 * @example
 * capThreads(1000, 8); // { threads: 8, warning: 'threads 1000 is more than ...' }
 * capThreads(4, 8);    // { threads: 4, warning: undefined }
 */
export function capThreads(requested: number, cores: number): { threads: number; warning: string | undefined } {
  const limit = Math.min(MAX_THREADS, Math.max(1, Math.floor(cores) || 1));
  if (requested <= limit) return { threads: requested, warning: undefined };
  return { threads: limit, warning: `threads ${requested} is more than this machine can use (${Math.floor(cores) || 1} cores, at most ${MAX_THREADS}): using ${limit}` };
}
