import type { Warning } from '../common/source.js';

/** What the caller wants done with an entry, decided from its path alone. */
export type EntryDecision =
  /** read the whole entry and hand it to onFile */
  | 'read'
  /** read only the first bytes, then ask `sniff` whether to read the rest */
  | 'sniff'
  /** drain without buffering (pod logs, unrelated resources) */
  | 'skip';

export interface BundleLimits {
  /** total uncompressed bytes read from an archive (all entries, skipped ones too) */
  maxTotalBytes: number;
  /** bytes of one entry that we buffer; a larger needed entry is skipped with a warning */
  maxFileBytes: number;
  /** number of entries in an archive or files in a directory */
  maxEntries: number;
  /** characters of an entry path */
  maxPathLength: number;
  /** path segments of an entry path */
  maxPathDepth: number;
  /** uncompressed:compressed ratio above which a gzip stream is treated as a bomb (checked once past 1 MiB uncompressed) */
  maxCompressionRatio: number;
}

export interface BundleFile {
  /** '/'-separated path inside the bundle, never absolute, never containing '..' */
  path: string;
  content: Buffer;
  /** true when content was cut at maxFileBytes */
  truncated?: boolean;
}

export interface ReadBundleOptions {
  limits?: Partial<BundleLimits>;
  /** decide by path; default 'read' */
  select?: (path: string, size: number) => EntryDecision;
  /** with 'sniff': given the first bytes (<= sniffBytes), read the rest? */
  sniff?: (path: string, head: Buffer) => boolean;
  sniffBytes?: number;
  /** called for every file that was read, in archive order; synchronous so it can parse at once */
  onFile: (file: BundleFile) => void;
  /**
   * Asked between reads (raw archive chunks, directory files): a returned
   * promise holds reading until it settles. A consumer that hands files to
   * other threads bounds its queue this way.
   */
  backpressure?: () => Promise<void> | undefined;
  /** progress, for the stderr progress line */
  onProgress?: (p: { bytes: number; entries: number }) => void;
}

export type BundleKind = 'directory' | 'tar' | 'tar.gz' | 'file';

export interface BundleReadSummary {
  kind: BundleKind;
  /** the path the user gave */
  input: string;
  /** SHA-256 of the archive or single file as given; for a directory, of the sorted (path, sha256) list of its regular files */
  sha256: string;
  entriesSeen: number;
  filesRead: number;
  bytesRead: number;
  /** entries refused for safety (traversal, links, devices) or limits, and read errors */
  warnings: Warning[];
  /** true when the archive ended early (truncated gzip, corrupt tar) */
  incomplete: boolean;
}
