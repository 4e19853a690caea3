import type { PlatformProbe } from '../shared/device-policy.js';

// The slice of the WebGPU API the probe needs (TypeScript's WebWorker lib has no WebGPU types).
interface GpuAdapterLike {
  features: { has(feature: string): boolean };
  /** Chromium 121+; older builds had `isFallbackAdapter` on the adapter itself. */
  info?: { isFallbackAdapter?: boolean };
  isFallbackAdapter?: boolean;
}
interface GpuLike { requestAdapter(): Promise<GpuAdapterLike | null> }

/**
 * Finds out what this worker can run on. WebGPU is probed by really asking for an adapter
 * (`'gpu' in navigator` is true in browsers that then return no adapter, e.g. with the GPU
 * blocklisted), and `shader-f16` decides whether fp16 weights can run on it.
 */
export async function probePlatform(): Promise<PlatformProbe> {
  const gpu = (navigator as unknown as { gpu?: GpuLike }).gpu;
  let webgpuUnavailable: string | undefined;
  let shaderF16 = false;
  let webgpuFallbackAdapter = false;
  if (!gpu) {
    webgpuUnavailable = 'this browser has no WebGPU in workers (navigator.gpu is missing)';
  } else {
    try {
      const adapter = await gpu.requestAdapter();
      if (adapter) {
        shaderF16 = adapter.features.has('shader-f16');
        webgpuFallbackAdapter = adapter.info?.isFallbackAdapter ?? adapter.isFallbackAdapter ?? false;
      } else webgpuUnavailable = 'navigator.gpu.requestAdapter() returned no adapter';
    } catch (error) {
      webgpuUnavailable = `navigator.gpu.requestAdapter() failed: ${error instanceof Error ? error.message : String(error)}`;
    }
  }
  return {
    webgpuUnavailable,
    webgpuFallbackAdapter,
    shaderF16,
    crossOriginIsolated: self.crossOriginIsolated,
    hardwareConcurrency: navigator.hardwareConcurrency,
  };
}
