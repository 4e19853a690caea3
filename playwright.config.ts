import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './e2e/support/chromium';
import { DEMO_ORIGIN, DEMO_PORT, HARNESS_ORIGIN } from './e2e/support/origins';

// Browser tests (e2e/): the built demo (vite preview) and the test harness pages
// (e2e/harness, Vite dev server), each on a free port picked for this run (e2e/support/origins.ts).
// Chromium flags: e2e/support/chromium.ts.
const CI = Boolean(process.env.CI);

export default defineConfig({
  testDir: 'e2e',
  // *.node.test.ts files are vitest's (Node-side helpers), not Playwright specs.
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results',
  fullyParallel: false,
  workers: 1, // two cores on the test machines
  forbidOnly: CI,
  retries: 0,
  reporter: 'list',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: DEMO_ORIGIN,
    browserName: 'chromium',
    headless: true,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: chromiumLaunchOptions({ webgpu: true }),
  },
  webServer: [
    {
      // Build the demo, then serve dist/demo with the production headers (COOP/COEP + CSP).
      command: `pnpm exec vite build --logLevel warn && pnpm exec vite preview --logLevel warn --port ${DEMO_PORT} --strictPort`,
      url: `${DEMO_ORIGIN}/`,
      // Never reuse: a server already answering on this run's own port is not this checkout's.
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      // Harness pages, served from source (packages/core/src, node_modules) with COOP/COEP.
      command: 'pnpm exec vite --config e2e/harness/vite.config.ts --logLevel warn',
      url: `${HARNESS_ORIGIN}/`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
  ],
});
