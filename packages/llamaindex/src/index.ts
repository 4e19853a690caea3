// The public surface of @webrerank/llamaindex, named one by one (no `export *`).
export { WebrerankPostprocessor, type WebrerankPostprocessorOptions, type PostprocessorRankOptions } from './postprocessor.js';
