import type { ScoreOptions } from '../api.js';
import type { Dtype } from '../model/dtype.js';
import { capThreads, MAX_THREADS } from './threads.js';

/** What the runtime found out about the platform. */
export interface PlatformProbe {
  /** Why there is no usable WebGPU adapter, or undefined when there is one. */
  webgpuUnavailable: string | undefined;
  /** The adapter is a software fallback (SwiftShader and the like): real WebGPU, CPU speed. */
  webgpuFallbackAdapter: boolean;
  shaderF16: boolean;
  crossOriginIsolated: boolean;
  hardwareConcurrency: number;
}

export type DeviceRequest = 'auto' | 'webgpu' | 'wasm';

/** One way to run the model, in order of preference. */
export interface Candidate {
  device: 'webgpu' | 'wasm';
  dtype: Dtype;
}

/**
 * Which onnxruntime-web build runs the plan: `wasm` (WASM EP only, the smaller .wasm) or
 * `webgpu` (WebGPU EP + WASM EP, the bigger one).
 */
export type OrtBuild = 'wasm' | 'webgpu';

/** The plan: candidates to try in order, and the options ruled out before trying, with reasons. */
export interface DevicePlan {
  candidates: Candidate[];
  /**
   * The build loaded for this plan: `webgpu` only when a WebGPU candidate is tried; its WASM EP
   * then also runs the WASM candidates after it, so that a fallback does not load a second build.
   */
  build: OrtBuild;
  rejected: { device: string; dtype?: string; reason: string }[];
  threads: number;
  threadsReason: string | undefined;
  /** Set when the requested thread count was more than the cores and was capped (THREADS_CAPPED). */
  threadsCapped: string | undefined;
}

/**
 * Orders the ways to run a cross-encoder on this platform. `auto`: WebGPU when there is a
 * hardware adapter, fp16 only with `shader-f16`, else fp32 (onnxruntime's int8 MatMulInteger is
 * slow or missing on WebGPU); then WASM with q8, then fp32. A software fallback adapter
 * (SwiftShader) runs WebGPU on the CPU 50-100x slower than WASM (measured here), so `auto` puts
 * WASM first there; `device: 'webgpu'` still uses it. An explicit dtype is kept on every device.
 * WASM threads: the core count when the page is cross-origin isolated (SharedArrayBuffer),
 * else 1 — onnxruntime's default on a 2-core machine is 1 even when isolated, so it is always
 * set explicitly. A requested count above the cores is capped at them (see capThreads).
 */
export function planDevices(probe: PlatformProbe, device: DeviceRequest, dtype: Dtype | 'auto', threadsOverride?: number): DevicePlan {
  const rejected: DevicePlan['rejected'] = [];
  const candidates: Candidate[] = [];
  const gpuDtypes: Dtype[] = dtype !== 'auto' ? [dtype] : probe.shaderF16 ? ['fp16', 'fp32'] : ['fp32'];
  const wasmDtypes: Dtype[] = dtype !== 'auto' ? [dtype] : ['q8', 'fp32'];

  const softwareOnly = device === 'auto' && !probe.webgpuUnavailable && probe.webgpuFallbackAdapter;
  if (softwareOnly) {
    rejected.push({ device: 'webgpu', reason: 'the only WebGPU adapter is a software fallback (CPU emulation), slower than WASM' });
  } else if (device !== 'wasm') {
    if (probe.webgpuUnavailable) rejected.push({ device: 'webgpu', reason: probe.webgpuUnavailable });
    else {
      if (dtype === 'auto' && !probe.shaderF16) rejected.push({ device: 'webgpu', dtype: 'fp16', reason: 'the adapter has no shader-f16 feature' });
      if (dtype === 'auto') rejected.push({ device: 'webgpu', dtype: 'q8', reason: 'int8 MatMulInteger is slow or unsupported on onnxruntime WebGPU' });
      candidates.push(...gpuDtypes.map((d): Candidate => ({ device: 'webgpu', dtype: d })));
    }
  } else {
    rejected.push({ device: 'webgpu', reason: 'device "wasm" was requested' });
  }
  if (device !== 'webgpu') candidates.push(...wasmDtypes.map((d): Candidate => ({ device: 'wasm', dtype: d })));
  else rejected.push({ device: 'wasm', reason: 'device "webgpu" was requested' });

  const build: OrtBuild = candidates.some((c) => c.device === 'webgpu') ? 'webgpu' : 'wasm';
  const cores = Math.max(1, Math.floor(probe.hardwareConcurrency || 1));
  if (threadsOverride !== undefined) {
    const { threads, warning } = capThreads(threadsOverride, cores);
    return { candidates, build, rejected, threads, threadsReason: undefined, threadsCapped: warning };
  }
  return probe.crossOriginIsolated
    ? { candidates, build, rejected, threads: Math.min(cores, MAX_THREADS), threadsReason: undefined, threadsCapped: undefined }
    : { candidates, build, rejected, threads: 1, threadsReason: 'the page is not cross-origin isolated (COOP/COEP headers), so WASM runs on 1 thread', threadsCapped: undefined };
}

/**
 * The score options a device starts from, under the caller's own. The engine's token budget
 * (2048 padded tokens per run) is tuned for CPUs: on WASM it ran the top-100 benchmark 1.42x
 * faster than 8192 (docs/performance.md), as smaller length-sorted batches pad less and keep
 * each run's activations in cache. A GPU is fed better by bigger batches, so WebGPU keeps 8192
 * (not measured here: this machine has no GPU).
 */
export function deviceDefaults(device: Candidate['device'], defaults: ScoreOptions | undefined): ScoreOptions | undefined {
  if (device !== 'webgpu' || defaults?.maxBatchTokens !== undefined) return defaults;
  return { ...defaults, maxBatchTokens: WEBGPU_MAX_BATCH_TOKENS };
}

export const WEBGPU_MAX_BATCH_TOKENS = 8192;
