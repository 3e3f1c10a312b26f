import type { BundleLimits } from './types.js';
import { formatBytes } from './size.js';

/** Generous enough for real multi-GB support bundles; every one can be raised by a CLI flag. */
export const DEFAULT_LIMITS: BundleLimits = Object.freeze({
  maxTotalBytes: 16 * 1024 ** 3,
  maxFileBytes: 512 * 1024 ** 2,
  maxEntries: 1_000_000,
  maxPathLength: 4096,
  maxPathDepth: 64,
  maxCompressionRatio: 200,
});

/** The compression-ratio check starts once this much has been decompressed (small files compress well legitimately). */
export const RATIO_CHECK_AFTER = 1024 * 1024;

const FLAGS: Record<keyof BundleLimits, string> = {
  maxTotalBytes: '--max-total-bytes',
  maxFileBytes: '--max-file-bytes',
  maxEntries: '--max-entries',
  maxPathLength: '--max-path-length',
  maxPathDepth: '--max-path-depth',
  maxCompressionRatio: '--max-compression-ratio',
};

const IS_BYTES: Record<keyof BundleLimits, boolean> = {
  maxTotalBytes: true,
  maxFileBytes: true,
  maxEntries: false,
  maxPathLength: false,
  maxPathDepth: false,
  maxCompressionRatio: false,
};

export function resolveLimits(partial: Partial<BundleLimits> | undefined): BundleLimits {
  const out: BundleLimits = { ...DEFAULT_LIMITS };
  if (!partial) return out;
  for (const key of Object.keys(FLAGS) as (keyof BundleLimits)[]) {
    const v = partial[key];
    // a nonsensical override (NaN, negative) keeps the default rather than disabling the guard
    if (typeof v === 'number' && v >= 0 && !Number.isNaN(v)) out[key] = v;
  }
  return out;
}

/** "limit maxFileBytes (512 MiB) reached; raise it with --max-file-bytes" */
export function limitText(limits: BundleLimits, key: keyof BundleLimits): string {
  const v = limits[key];
  const shown = IS_BYTES[key] ? formatBytes(v) : String(v);
  return `limit ${key} = ${shown}; raise it with ${FLAGS[key]}`;
}
