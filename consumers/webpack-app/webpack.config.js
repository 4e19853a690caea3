// The same app as consumers/vite-app, built by webpack 5: it understands both patterns the
// library and onnxruntime-web rely on, `new Worker(new URL('…', import.meta.url))` (emits the
// worker as its own entry) and `new URL('….wasm', import.meta.url)` (emits the .wasm as an asset).
import HtmlWebpackPlugin from 'html-webpack-plugin'
import { fileURLToPath } from 'node:url'

export default {
  mode: 'production',
  entry: './src/main.ts',
  output: {
    path: fileURLToPath(new URL('./dist', import.meta.url)),
    filename: '[name].[contenthash].js',
    clean: true,
  },
  resolve: { extensions: ['.ts', '.js'] },
  module: {
    rules: [{ test: /\.ts$/, loader: 'ts-loader', options: { compilerOptions: { noEmit: false } } }],
  },
  plugins: [new HtmlWebpackPlugin({ template: './index.html' })],
  performance: { hints: false },
}
