import { fileURLToPath } from 'node:url';

/**
 * Vite/Vitest alias that resolves `@webrerank/core`, `@webrerank/core/node`,
 * `@webrerank/core/worker` and `@webrerank/core/search` to their TypeScript sources, so the
 * workspace (demo, tests) runs without a build. The package's exports map points at dist/, as a consumer installs it; tsc finds the
 * sources through `paths` in tsconfig.base.json.
 *
 * @example
 * export default defineConfig({ resolve: { alias: [coreSourceAlias] } });
 */
export const coreSourceAlias = {
  find: /^@webrerank\/core(\/node|\/worker|\/search)?$/,
  replacement: `${fileURLToPath(new URL('./src', import.meta.url))}$1/index.ts`,
};
