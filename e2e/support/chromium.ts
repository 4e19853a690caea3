// How the tests launch Chromium. Shared by playwright.config.ts and by specs that need a
// different browser (e.g. one without WebGPU), so both stay in step.
import type { LaunchOptions } from '@playwright/test';

// Debian's Chromium (apt), not a Playwright browser download: set CHROMIUM_PATH to use another.
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// The machines' network is closed: keep Chromium from reaching out to Google services,
// and resolve every host name except 127.0.0.1 to "not found".
const BASE_ARGS = [
  '--no-sandbox',
  // No GPU here anyway; measured: it does NOT stop WebGPU's SwiftShader adapter (page and
  // worker). --disable-software-rasterizer would.
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1',
];

// Without it navigator.gpu exists but requestAdapter() resolves to null on Linux (no GPU,
// WebGPU not on by default). With it: a SwiftShader (CPU Vulkan) adapter, in pages and in
// dedicated workers; real WebGPU, isFallbackAdapter true, no 'shader-f16'.
const WEBGPU_ARGS = ['--enable-unsafe-webgpu'];

export function chromiumLaunchOptions(options: { webgpu?: boolean } = {}): LaunchOptions {
  const webgpu = options.webgpu ?? true;
  return { executablePath: CHROMIUM_PATH, args: [...BASE_ARGS, ...(webgpu ? WEBGPU_ARGS : [])] };
}

/**
 * A browser whose `navigator.gpu.requestAdapter()` resolves to null (page and workers), as on
 * most machines without a usable GPU. launchOptions is worker-scoped, so use it at the top of
 * a spec file or inside a `test.describe`, not inside a test:
 *   test.use({ launchOptions: withoutWebGPU });
 */
export const withoutWebGPU: LaunchOptions = chromiumLaunchOptions({ webgpu: false });
