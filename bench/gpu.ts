// `pnpm bench --device webgpu`: webrerank on WebGPU (fp16 when the adapter has shader-f16, and
// fp32) against its WASM run (q8, the WASM default), top-100 and session creation, in headless
// Chromium with the GPU on. See docs/gpu-bench.md for running it on Linux with an NVIDIA GPU.
import type { LaunchOptions, Page } from '@playwright/test';
import { chromiumLaunchOptions } from '../e2e/support/chromium.js';
import type { Variant } from './systems.js';

/**
 * Chromium flags for WebGPU on Linux through Vulkan, headless: WebGPU is still behind
 * --enable-unsafe-webgpu on Linux; Vulkan for Dawn and ANGLE (gpuweb/gpuweb#5022: Chrome 131+
 * also wanted VulkanFromANGLE and DefaultANGLEVulkan); the system's Vulkan loader and driver
 * (NVIDIA's ICD) rather than SwiftShader; no Vulkan surface (headless has no window; Chrome's
 * "Supercharge Web AI testing" recipe for NVIDIA); the GPU blocklist ignored (server GPUs and
 * new drivers are often on it); developer features for the adapter's driver and backend names.
 */
export const GPU_CHROMIUM_ARGS = [
  '--enable-unsafe-webgpu',
  '--enable-features=Vulkan,VulkanFromANGLE,DefaultANGLEVulkan',
  '--use-angle=vulkan',
  '--use-vulkan=native',
  '--disable-vulkan-surface',
  '--ignore-gpu-blocklist',
  '--enable-webgpu-developer-features',
];

/** The bench browser's launch options with the GPU on (`gpuArgs` replaces the flags above). */
export function gpuLaunchOptions(gpuArgs: readonly string[] = GPU_CHROMIUM_ARGS): LaunchOptions {
  const base = chromiumLaunchOptions({ webgpu: false });
  return { ...base, args: [...(base.args ?? []).filter((arg) => arg !== '--disable-gpu'), ...gpuArgs] };
}

/** What the page's WebGPU adapter says about itself. */
export interface AdapterReport {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
  /** With --enable-webgpu-developer-features: the driver, the backend (vulkan…) and the type (discrete GPU…). */
  driver?: string | undefined;
  backend?: string | undefined;
  type?: string | undefined;
  isFallbackAdapter: boolean;
  shaderF16: boolean;
  features: string[];
  maxBufferSize: number;
  maxStorageBufferBindingSize: number;
}

/**
 * Asks the page for a WebGPU adapter (as webrerank's worker probe does) and describes it; throws
 * with what to check when there is none, so the run stops before loading anything.
 */
export async function probeAdapter(page: Page): Promise<AdapterReport> {
  const result = await page.evaluate(async () => {
    interface AdapterLike {
      features: Set<string>;
      limits: { maxBufferSize: number; maxStorageBufferBindingSize: number };
      info?: Record<string, unknown>;
      isFallbackAdapter?: boolean;
    }
    const gpu = (navigator as unknown as { gpu?: { requestAdapter(o?: object): Promise<AdapterLike | null> } }).gpu;
    if (!gpu) return { error: 'navigator.gpu is missing: this Chromium has no WebGPU, or it is off (needs --enable-unsafe-webgpu on Linux)' };
    let adapter: AdapterLike | null;
    try {
      adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
    } catch (error) {
      return { error: `requestAdapter() failed: ${String(error)}` };
    }
    if (!adapter) return { error: 'navigator.gpu.requestAdapter() returned null: no usable GPU adapter (driver, Vulkan ICD or flags; see chrome://gpu)' };
    // No helper functions in here: tsx's keepNames would wrap them in a __name the page lacks.
    const info = (adapter.info ?? {}) as Record<string, string | boolean | undefined>;
    return {
      adapter: {
        vendor: String(info.vendor ?? ''), architecture: String(info.architecture ?? ''), device: String(info.device ?? ''), description: String(info.description ?? ''),
        driver: info.driver === undefined ? undefined : String(info.driver),
        backend: info.backend === undefined ? undefined : String(info.backend),
        type: info.type === undefined ? undefined : String(info.type),
        isFallbackAdapter: info.isFallbackAdapter === true || adapter.isFallbackAdapter === true,
        shaderF16: adapter.features.has('shader-f16'),
        features: [...adapter.features].sort(),
        maxBufferSize: adapter.limits.maxBufferSize,
        maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
      },
    };
  });
  if ('error' in result) throw new Error(`no WebGPU adapter: ${result.error}. See docs/gpu-bench.md.`);
  return result.adapter;
}

/** One line per fact, for the log. */
export function describeAdapter(a: AdapterReport): string[] {
  return [
    `WebGPU adapter: ${[a.vendor, a.architecture, a.device, a.description].filter(Boolean).join(' / ') || '(no info)'}`,
    `  driver ${a.driver ?? '?'}, backend ${a.backend ?? '?'}, type ${a.type ?? '?'}, fallback (software) ${a.isFallbackAdapter}`,
    `  shader-f16 ${a.shaderF16 ? 'yes' : 'NO (fp16 is not measured)'}, maxBufferSize ${a.maxBufferSize}, maxStorageBufferBindingSize ${a.maxStorageBufferBindingSize}`,
    `  features: ${a.features.join(', ')}`,
  ];
}

/**
 * The WebGPU systems beside the WASM one: fp16 (only with shader-f16) and fp32, each a variant
 * of (a) in its own worker, on the adapter's defaults (the token budget WebGPU starts from).
 */
export function gpuVariants(adapter: AdapterReport): Variant[] {
  return [
    ...(adapter.shaderF16 ? [{ label: 'WebGPU fp16', device: 'webgpu', dtype: 'fp16' } satisfies Variant] : []),
    { label: 'WebGPU fp32', device: 'webgpu', dtype: 'fp32' },
  ];
}
