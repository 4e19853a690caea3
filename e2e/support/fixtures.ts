// Playwright fixtures for the harness specs:
//   hub     - the local hub server (e2e/support/hub-server.ts) with the test models; one per
//             Playwright worker process, faults cleared and request log emptied before each test.
//   webgpu  - option, default true; `test.use({ webgpu: false })` (file, describe or test) runs
//             the test in a separately launched Chromium whose requestAdapter() gives null.
//   network - every request the page, its frames and its workers (dedicated workers and their
//             nested workers included) make, in order, seen from the browser side.
import { test as base } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { ensureTinyModel } from '../../packages/testkit/src/index.js';
import { withoutWebGPU } from './chromium.js';
import { startHubServer, type HubServer } from './hub-server.js';

export { expect } from '@playwright/test';

export const XLMR_TINY = 'webrerank-test/xlmr-tiny';
export const TINY = 'webrerank-test/tiny';
/** The tiny model with its weights in `.onnx_data` files (config.json: use_external_data_format). */
export const TINY_EXTERNAL = 'webrerank-test/tiny-external';
export const XLMR_TINY_DIR = fileURLToPath(new URL('../../packages/testkit/reference/xlmr-tiny/', import.meta.url));
export const GEMMA_TINY = 'webrerank-test/gemma-tiny';
export const MINICPM_TINY = 'webrerank-test/minicpm-layerwise-tiny';
const referenceDir = (name: string): string => fileURLToPath(new URL(`../../packages/testkit/reference/${name}/`, import.meta.url));

export interface BrowserRequest { url: string; method: string; resourceType: string; at: number }

export interface NetworkLog {
  requests(): BrowserRequest[];
  /** URLs of requests whose origin is none of `origins` (data:/about: URLs never leave the browser). */
  outside(...origins: string[]): string[];
}

export const test = base.extend<{ hub: HubServer; network: NetworkLog; webgpu: boolean }, { hubServer: HubServer }>({
  hubServer: [
    // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring
    async ({}, use) => {
      const server = await startHubServer({
        models: {
          [XLMR_TINY]: XLMR_TINY_DIR,
          [TINY]: await ensureTinyModel(),
          [TINY_EXTERNAL]: await ensureTinyModel({ externalData: true }),
          [GEMMA_TINY]: referenceDir('gemma-tiny'),
          [MINICPM_TINY]: referenceDir('minicpm-layerwise-tiny'),
        },
      });
      await use(server);
      await server.close();
    },
    { scope: 'worker' },
  ],
  hub: async ({ hubServer }, use) => {
    hubServer.clearFaults();
    hubServer.resetRequests();
    await use(hubServer);
    hubServer.clearFaults();
  },
  webgpu: [true, { option: true }],
  // launchOptions is worker-scoped (test.use of it only works at the top of a file), so a
  // per-test browser without WebGPU replaces the context instead; `page` follows it.
  context: async ({ context, webgpu, playwright, contextOptions }, use) => {
    if (webgpu) {
      await use(context);
      return;
    }
    const browser = await playwright.chromium.launch({ ...withoutWebGPU, headless: true });
    const own = await browser.newContext(contextOptions);
    await use(own);
    await own.close();
    await browser.close();
  },
  network: async ({ context }, use) => {
    const log: BrowserRequest[] = [];
    // context-level: also sees requests of dedicated workers (checked by ort-smoke.spec.ts).
    context.on('request', (request) => {
      log.push({ url: request.url(), method: request.method(), resourceType: request.resourceType(), at: Date.now() });
    });
    await use({
      requests: () => log.slice(),
      outside: (...origins) =>
        log.map((r) => r.url).filter((url) => !/^(data|about):/.test(url) && !origins.includes(new URL(url).origin)),
    });
  },
});
