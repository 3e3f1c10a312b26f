import type { Warning } from '../common/source.js';
import { displayName } from './entry-path.js';
import { limitText, resolveLimits } from './limits.js';
import type { BundleKind, BundleLimits, BundleReadSummary, EntryDecision, ReadBundleOptions } from './types.js';

/** Beyond this many warnings the rest are counted, not kept: a hostile archive could otherwise produce millions. */
const MAX_WARNINGS = 200;
const PROGRESS_EVERY_MS = 100;
export const DEFAULT_SNIFF_BYTES = 4096;

/** Thrown inside a read pipeline to unwind it once a limit tripped; never leaves readBundle. */
export class StopSignal extends Error {}

/**
 * State shared by every input kind: limits, counters, warnings, the stop
 * flag, and the guarded calls into the caller's select/sniff/onFile (a throw
 * there becomes a warning, so one bad file never loses the others).
 */
export class ReadSession {
  readonly limits: BundleLimits;
  readonly sniffBytes: number;
  readonly warnings: Warning[] = [];
  entriesSeen = 0;
  filesRead = 0;
  /** uncompressed bytes: the tar stream for archives, file contents for directories */
  bytesRead = 0;
  /** bytes of the input file consumed (compressed for .tar.gz): what progress reports */
  inputBytes = 0;
  incomplete = false;
  stopped = false;
  private suppressed = 0;
  private symlinks = 0;
  private hardlinks = 0;
  private special = 0;
  private specialExample = '';
  private lastProgress = 0;

  constructor(
    private readonly options: ReadBundleOptions,
    /** the input as shown in messages */
    readonly inputName: string,
  ) {
    this.limits = resolveLimits(options.limits);
    const sb = options.sniffBytes;
    this.sniffBytes = typeof sb === 'number' && sb > 0 ? Math.floor(sb) : DEFAULT_SNIFF_BYTES;
  }

  warn(message: string, file?: string): void {
    if (this.warnings.length >= MAX_WARNINGS) {
      this.suppressed++;
      return;
    }
    this.warnings.push(file === undefined ? { message } : { file, message });
  }

  /** A limit or a fatal archive error: say so once, keep what was read, read no more. */
  stop(message: string): void {
    this.incomplete = true;
    if (this.stopped) return;
    this.stopped = true;
    this.warn(message);
  }

  stopAtLimit(key: keyof BundleLimits, what: string): void {
    this.stop(`${this.inputName}: stopped reading, ${what}: ${limitText(this.limits, key)}`);
  }

  /** Counts one entry; false (and stop) when it is one too many. */
  countEntry(): boolean {
    if (this.entriesSeen >= this.limits.maxEntries) {
      this.stopAtLimit('maxEntries', `more than ${this.limits.maxEntries} entries`);
      return false;
    }
    this.entriesSeen++;
    return true;
  }

  skippedSymlink(): void {
    this.symlinks++;
  }

  skippedHardlink(): void {
    this.hardlinks++;
  }

  skippedSpecial(rawName: string, type: string): void {
    if (this.special++ === 0) this.specialExample = `${displayName(rawName)} (${type})`;
  }

  refusedPath(rawName: string, reason: string): void {
    const name = displayName(rawName);
    this.warn(`entry "${name}" skipped: its path ${reason}, which could point outside the bundle`, name);
  }

  pathOverLimit(path: string, key: keyof BundleLimits): void {
    const name = displayName(path);
    this.warn(`entry "${name}" skipped: ${limitText(this.limits, key)}`, name);
  }

  fileTooLarge(path: string, size: number): void {
    const name = displayName(path);
    this.warn(`${name} skipped: ${size} bytes is over ${limitText(this.limits, 'maxFileBytes')}`, name);
  }

  /** The caller's verdict on a path; a throwing select counts as 'skip'. */
  select(path: string, size: number): EntryDecision {
    const select = this.options.select;
    if (!select) return 'read';
    try {
      const d = select(path, size);
      return d === 'read' || d === 'sniff' ? d : 'skip';
    } catch (e) {
      this.callerFailed('select', path, e);
      return 'skip';
    }
  }

  sniff(path: string, head: Buffer): boolean {
    const sniff = this.options.sniff;
    if (!sniff) return true;
    try {
      return sniff(path, head) === true;
    } catch (e) {
      this.callerFailed('sniff', path, e);
      return false;
    }
  }

  deliver(path: string, content: Buffer): void {
    this.filesRead++;
    try {
      this.options.onFile({ path, content });
    } catch (e) {
      this.callerFailed('processing', path, e);
    }
  }

  /** The caller's backpressure, if it wants reading to wait (a throwing or rejecting one never stops the read). */
  room(): Promise<void> | undefined {
    try {
      return this.options.backpressure?.()?.catch(() => undefined);
    } catch {
      return undefined;
    }
  }

  progress(force = false): void {
    const onProgress = this.options.onProgress;
    if (!onProgress) return;
    const now = Date.now();
    if (!force && now - this.lastProgress < PROGRESS_EVERY_MS) return;
    this.lastProgress = now;
    try {
      onProgress({ bytes: this.inputBytes, entries: this.entriesSeen });
    } catch {
      // a broken progress line must not stop the read
    }
  }

  summary(kind: BundleKind, input: string, sha256: string): BundleReadSummary {
    const tail: string[] = [];
    if (this.symlinks) tail.push(`${this.symlinks} symbolic link${plural(this.symlinks)} skipped (links are never followed)`);
    if (this.hardlinks) tail.push(`${this.hardlinks} hard link${plural(this.hardlinks)} skipped (links are never followed)`);
    if (this.special) {
      tail.push(`${this.special} special entr${this.special === 1 ? 'y' : 'ies'} (device, FIFO or unknown type) skipped, e.g. ${this.specialExample}`);
    }
    const warnings = [...this.warnings, ...tail.map((message) => ({ message }))];
    if (this.suppressed) warnings.push({ message: `${this.suppressed} further warnings not shown` });
    return {
      kind,
      input,
      sha256,
      entriesSeen: this.entriesSeen,
      filesRead: this.filesRead,
      bytesRead: this.bytesRead,
      warnings,
      incomplete: this.incomplete,
    };
  }

  private callerFailed(stage: string, path: string, e: unknown): void {
    const name = displayName(path);
    this.warn(`${stage} ${name} failed: ${displayName(errorMessage(e))}`, name);
  }
}

export function errorMessage(e: unknown): string {
  if (e instanceof Error) return e.message.split('\n')[0];
  return String(e);
}

function plural(n: number): string {
  return n === 1 ? '' : 's';
}
