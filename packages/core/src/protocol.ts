/**
 * Events a loading or scoring reranker reports, as a closed union tagged by `type`. They cross
 * the worker boundary as plain data (structured clone), so no functions or classes inside.
 */
export type RerankerEvent = ProgressEvent | WarningEvent | DeviceEvent;

/** Download (or cache read) progress of one file, with the running total over all files. */
export interface ProgressEvent {
  type: 'progress';
  file: string;
  /** Bytes of this file so far, and its size when known. */
  loaded: number;
  total: number | undefined;
  /** Over every file of the model: bytes so far and the sum of the known sizes. */
  overallLoaded: number;
  overallTotal: number | undefined;
  /** Where the bytes come from. */
  from: 'network' | 'cache';
  done: boolean;
}

/** Something degraded without failing: e.g. the cache is full and the model runs uncached. */
export interface WarningEvent {
  type: 'warning';
  code: 'QUOTA_EXCEEDED' | 'CACHE_UNAVAILABLE' | 'CACHE_CORRUPT' | 'THREADS_UNAVAILABLE' | 'THREADS_CAPPED' | 'WEBGPU_UNAVAILABLE' | 'CUTOFF_LAYERS_DROPPED';
  message: string;
}

/** Which device and dtype were chosen, and why each other option was not. */
export interface DeviceEvent {
  type: 'device';
  device: 'webgpu' | 'wasm';
  dtype: string;
  threads: number;
  rejected: { device: string; dtype?: string; reason: string }[];
}
