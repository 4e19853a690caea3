import { defineConfig } from '@playwright/test';

// Browser tests of the built demo (e2e/). They run Debian's Chromium (apt), not a Playwright
// browser download: set CHROMIUM_PATH to use another Chromium binary.
const CI = Boolean(process.env.CI);
const PORT = 4173;
const BASE_URL = `http://127.0.0.1:${PORT}`;

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  fullyParallel: false,
  workers: 1, // two cores on the test machines
  forbidOnly: CI,
  retries: 0,
  reporter: 'list',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: BASE_URL,
    browserName: 'chromium',
    headless: true,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      // The machines' network is closed: keep Chromium from reaching out to Google services,
      // and resolve every host name except 127.0.0.1 to "not found".
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1',
      ],
    },
  },
  webServer: {
    // Build the demo, then serve dist/demo with the production headers (COOP/COEP + CSP).
    command: 'pnpm exec vite build --logLevel warn && pnpm exec vite preview --logLevel warn',
    url: `${BASE_URL}/`,
    reuseExistingServer: !CI,
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
