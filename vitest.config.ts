import { defineConfig } from 'vitest/config';
import { coreSourceAlias } from './packages/core/source-alias.js';

// Node-side unit and integration tests of every package. Browser tests live in e2e/ (Playwright).
export default defineConfig({
  // @webrerank/core from its sources: the tests need no build (see source-alias.ts).
  resolve: { alias: [coreSourceAlias] },
  test: {
    // e2e/ holds Playwright specs; only its Node-side helpers' tests (*.node.test.ts) run here.
    include: ['packages/*/test/**/*.test.ts', 'e2e/**/*.node.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores here: onnxruntime sessions in parallel files only fight each other.
    fileParallelism: true,
    maxWorkers: 2,
  },
});
