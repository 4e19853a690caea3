// The public surface of @webrerank/langchain, named one by one (no `export *`).
export { WebrerankCompressor, type WebrerankCompressorOptions, type CompressorRankOptions } from './compressor.js';
