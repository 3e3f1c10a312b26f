export { readBundle } from './read-bundle.js';
export { DEFAULT_LIMITS } from './limits.js';
export { parseSize, formatBytes } from './size.js';
export type {
  BundleFile,
  BundleKind,
  BundleLimits,
  BundleReadSummary,
  EntryDecision,
  ReadBundleOptions,
} from './types.js';
