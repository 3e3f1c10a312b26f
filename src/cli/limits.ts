import type { Command } from 'commander';
import { parseSize } from '../bundle/index.js';
import type { BundleLimits } from '../bundle/types.js';
import { UsageError } from './errors.js';

const FLAGS: { flag: string; key: keyof BundleLimits; help: string; size: boolean }[] = [
  { flag: '--max-total-bytes <size>', key: 'maxTotalBytes', help: 'stop reading an archive after this many uncompressed bytes (default 16GiB)', size: true },
  { flag: '--max-file-bytes <size>', key: 'maxFileBytes', help: 'skip a needed file larger than this (default 512MiB)', size: true },
  { flag: '--max-entries <n>', key: 'maxEntries', help: 'stop after this many archive entries (default 1000000)', size: false },
  { flag: '--max-path-length <n>', key: 'maxPathLength', help: 'skip entries with longer paths (default 4096)', size: false },
  { flag: '--max-path-depth <n>', key: 'maxPathDepth', help: 'skip entries nested deeper (default 64)', size: false },
  { flag: '--max-compression-ratio <n>', key: 'maxCompressionRatio', help: 'treat a gzip stream expanding more than this as a bomb (default 200)', size: false },
];

/** Adds the bundle-reading limit flags to a command. */
export function addLimitOptions(cmd: Command): Command {
  for (const f of FLAGS) cmd.option(f.flag, f.help);
  return cmd;
}

export function limitsFromOptions(opts: Record<string, unknown>): Partial<BundleLimits> {
  const limits: Partial<BundleLimits> = {};
  for (const f of FLAGS) {
    const raw = opts[f.key];
    if (raw === undefined) continue;
    const text = String(raw);
    const value = f.size ? parseSize(text) : Number(text);
    if (!Number.isFinite(value) || value <= 0) throw new UsageError(`invalid value for ${f.flag.split(' ')[0]}: ${text}`);
    limits[f.key] = value;
  }
  return limits;
}
