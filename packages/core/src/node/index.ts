// Node entry of @webrerank/core: local folders, the native backend, and everything the shared entry has.
export { loadReranker, loadOrt, sourceFor, type NodeBackend, type NodeLoadOptions } from './load-node.js';
export { fsSource } from './fs-source.js';
export type { LoadedReranker, RerankerOfKind } from '../model/load-model.js';
export type { RankCallOptions, RankCascade, RankDocument, RankLimits, RankResult, ScoringProgress } from '../api.js';
export { cascade, type CascadeOptions, type CascadeRankOptions, type RerankerCascade } from '../engine/cascade.js';
