import { describe, expect, it } from 'vitest';
import { deviceDefaults, planDevices, WEBGPU_MAX_BATCH_TOKENS, type PlatformProbe } from '../src/shared/device-policy.js';

const gpu: PlatformProbe = { webgpuUnavailable: undefined, webgpuFallbackAdapter: false, shaderF16: false, crossOriginIsolated: true, hardwareConcurrency: 8 };
const noGpu: PlatformProbe = { ...gpu, webgpuUnavailable: 'navigator.gpu.requestAdapter() returned no adapter' };

describe('planDevices', () => {
  it('auto with a WebGPU adapter without shader-f16: WebGPU fp32 first, then WASM q8, fp32', () => {
    const plan = planDevices(gpu, 'auto', 'auto');
    expect(plan.candidates).toEqual([{ device: 'webgpu', dtype: 'fp32' }, { device: 'wasm', dtype: 'q8' }, { device: 'wasm', dtype: 'fp32' }]);
    expect(plan.rejected).toContainEqual(expect.objectContaining({ device: 'webgpu', dtype: 'fp16', reason: expect.stringMatching(/shader-f16/) }));
  });

  it('auto with shader-f16: fp16 on WebGPU first', () => {
    expect(planDevices({ ...gpu, shaderF16: true }, 'auto', 'auto').candidates[0]).toEqual({ device: 'webgpu', dtype: 'fp16' });
  });

  it('auto without WebGPU: WASM q8 with the reason WebGPU was passed over', () => {
    const plan = planDevices(noGpu, 'auto', 'auto');
    expect(plan.candidates[0]).toEqual({ device: 'wasm', dtype: 'q8' });
    expect(plan.rejected).toContainEqual({ device: 'webgpu', reason: noGpu.webgpuUnavailable });
  });

  it('auto passes over a software fallback adapter (SwiftShader) for WASM; an explicit webgpu still uses it', () => {
    const software = { ...gpu, webgpuFallbackAdapter: true };
    const plan = planDevices(software, 'auto', 'auto');
    expect(plan.candidates).toEqual([{ device: 'wasm', dtype: 'q8' }, { device: 'wasm', dtype: 'fp32' }]);
    expect(plan.rejected).toContainEqual({ device: 'webgpu', reason: expect.stringContaining('software fallback') });
    expect(planDevices(software, 'webgpu', 'auto').candidates).toEqual([{ device: 'webgpu', dtype: 'fp32' }]);
  });

  it('threads: every core when cross-origin isolated, else 1 with a reason; an override wins', () => {
    expect(planDevices(gpu, 'wasm', 'auto').threads).toBe(8);
    const isolatedless = planDevices({ ...gpu, crossOriginIsolated: false }, 'wasm', 'auto');
    expect(isolatedless.threads).toBe(1);
    expect(isolatedless.threadsReason).toMatch(/cross-origin isolated/);
    expect(planDevices(gpu, 'wasm', 'auto', 2).threads).toBe(2);
  });

  it('threads: an override above the cores is capped at them, with the warning to emit', () => {
    const capped = planDevices(gpu, 'wasm', 'auto', 100_000);
    expect(capped.threads).toBe(8);
    expect(capped.threadsCapped).toMatch(/threads 100000 .*8 cores.*using 8/);
    expect(planDevices(gpu, 'wasm', 'auto', 8).threadsCapped).toBeUndefined();
    expect(planDevices({ ...gpu, hardwareConcurrency: 256 }, 'wasm', 'auto').threads).toBe(64);
  });

  it('an explicit device or dtype is kept', () => {
    expect(planDevices(gpu, 'wasm', 'fp32').candidates).toEqual([{ device: 'wasm', dtype: 'fp32' }]);
    expect(planDevices(gpu, 'webgpu', 'fp16').candidates).toEqual([{ device: 'webgpu', dtype: 'fp16' }]);
  });

  it('loads the webgpu build of onnxruntime-web only for a plan that tries WebGPU (it then also runs the WASM fallback)', () => {
    expect(planDevices(gpu, 'wasm', 'auto').build).toBe('wasm');
    expect(planDevices(noGpu, 'auto', 'auto').build).toBe('wasm');
    expect(planDevices({ ...gpu, webgpuFallbackAdapter: true }, 'auto', 'auto').build).toBe('wasm');
    expect(planDevices(gpu, 'auto', 'auto').build).toBe('webgpu');
    expect(planDevices(gpu, 'webgpu', 'fp32').build).toBe('webgpu');
  });
});

describe('deviceDefaults', () => {
  it('WASM keeps the engine default token budget; WebGPU starts from a bigger one', () => {
    expect(deviceDefaults('wasm', undefined)).toBeUndefined();
    expect(deviceDefaults('wasm', { normalize: true })).toEqual({ normalize: true });
    expect(deviceDefaults('webgpu', undefined)).toEqual({ maxBatchTokens: WEBGPU_MAX_BATCH_TOKENS });
    expect(deviceDefaults('webgpu', { normalize: true })).toEqual({ normalize: true, maxBatchTokens: WEBGPU_MAX_BATCH_TOKENS });
  });

  it("the caller's own budget wins on every device", () => {
    expect(deviceDefaults('webgpu', { maxBatchTokens: 512 })).toEqual({ maxBatchTokens: 512 });
    expect(deviceDefaults('wasm', { maxBatchTokens: 512 })).toEqual({ maxBatchTokens: 512 });
  });
});
