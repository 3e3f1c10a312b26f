import { Parser, type ReadEntry } from 'tar';
import { displayName, normalizeEntryPath, pathLimitExceeded } from './entry-path.js';
import { EntryCollector } from './entry-collector.js';
import type { ReadSession } from './session.js';

const REGULAR = new Set(['File', 'OldFile', 'ContiguousFile']);
const DIRECTORY = new Set(['Directory', 'GNUDumpDir']);

/**
 * Feeds an uncompressed tar byte stream to tar's Parser (list mode: nothing
 * touches the disk) and turns its entries into session decisions. Entries
 * are consumed synchronously, so the parser never queues data behind us.
 */
export class TarFeeder {
  private readonly parser: Parser;
  private sawEof = false;
  private finished = false;
  private invalidHeaders = 0;
  private firstInvalid = '';
  private truncatedEntry: string | undefined;
  private unrecognized = false;
  private otherWarnings = new Map<string, number>();
  /** raw name of the entry being read, for the truncation message */
  private currentName: string | undefined;

  constructor(private readonly session: ReadSession) {
    // gzip is undone before the parser; tell it not to guess brotli/zstd from names either
    this.parser = new Parser({ strict: false, brotli: false, zstd: false });
    this.parser.on('entry', (entry: ReadEntry) => this.onEntry(entry));
    this.parser.on('ignoredEntry', (entry: ReadEntry) => this.onIgnored(entry));
    this.parser.on('warn', (code: string, message: string) => this.onWarn(code, message));
    this.parser.on('error', (err: Error) => this.onWarn('TAR_ABORT', err.message));
    this.parser.on('eof', () => {
      this.sawEof = true;
    });
  }

  /** true once the end-of-archive marker was seen; later bytes go to `trailing` instead */
  get atEnd(): boolean {
    return this.sawEof;
  }

  /** Feeds bytes; returns false when junk follows the end marker inside this chunk (read no more). */
  write(chunk: Buffer): boolean {
    this.parser.write(chunk);
    if (!this.sawEof) return true;
    // the parser keeps what follows the end marker in its private buffer and never looks at it again
    const rest = this.parserLeftover();
    return rest ? this.trailing(rest) : true;
  }

  private parserLeftover(): Buffer | undefined {
    const key = Object.getOwnPropertySymbols(this.parser).find((k) => k.description === 'buffer');
    const value = key ? (this.parser as unknown as Record<symbol, unknown>)[key] : undefined;
    return Buffer.isBuffer(value) ? value : undefined;
  }

  /**
   * Bytes after the end-of-archive marker: zero padding is normal (tar pads
   * to 10 KiB records), anything else is junk and ends the read.
   */
  trailing(chunk: Buffer): boolean {
    for (let i = 0; i < chunk.length; i++) {
      if (chunk[i] !== 0) {
        this.session.incomplete = true;
        this.session.warn(`${this.session.inputName}: data after the end of the tar archive ignored (the file may be damaged or have something appended)`);
        return false;
      }
    }
    return true;
  }

  /** Normal end of input: let the parser flush, then report what went wrong, once each. */
  async end(): Promise<void> {
    if (!this.sawEof) {
      await new Promise<void>((resolve) => {
        this.parser.once('end', () => resolve());
        this.parser.once('abort', () => resolve());
        this.parser.end();
      });
    }
    this.report(true);
  }

  /** The input stopped early (limit, broken gzip): report without flushing a half entry. */
  abandon(): void {
    this.report(false);
  }

  private report(endedNormally: boolean): void {
    if (this.finished) return;
    this.finished = true;
    const s = this.session;
    const name = s.inputName;
    if (this.invalidHeaders) {
      s.incomplete = true;
      s.warn(
        `${name}: ${this.invalidHeaders} corrupt tar header block${this.invalidHeaders === 1 ? '' : 's'} skipped (${this.firstInvalid}); entries there are lost`,
      );
    }
    if (this.truncatedEntry !== undefined) {
      s.incomplete = true;
      s.warn(`${name}: the archive is truncated: ${this.truncatedEntry} is cut short and was not read`, this.truncatedEntry);
    } else if (endedNormally && !this.sawEof && !s.stopped && s.entriesSeen > 0) {
      // GNU and BSD tar always write the end marker; its absence means a cut file
      s.incomplete = true;
      s.warn(`${name}: the tar archive ends without its end-of-archive marker (truncated?)`);
    }
    if (this.sawEof && s.entriesSeen === 0) {
      s.warn(`${name}: the tar archive is empty`);
    }
    if (this.unrecognized && s.entriesSeen === 0) {
      s.incomplete = true;
      s.warn(`${name}: no readable tar entry found: not a tar archive, or damaged at the start`);
    }
    for (const [msg, count] of this.otherWarnings) {
      s.incomplete = true;
      s.warn(`${name}: tar: ${msg}${count > 1 ? ` (${count} times)` : ''}`);
    }
  }

  private onEntry(entry: ReadEntry): void {
    const s = this.session;
    if (s.stopped || !s.countEntry()) {
      entry.resume();
      return;
    }
    s.progress();
    const raw = entry.path;
    const type = entry.type;
    this.currentName = raw;
    if (DIRECTORY.has(type)) return void entry.resume();
    if (type === 'SymbolicLink') {
      s.skippedSymlink();
      return void entry.resume();
    }
    if (type === 'Link') {
      s.skippedHardlink();
      return void entry.resume();
    }
    if (!REGULAR.has(type)) {
      s.skippedSpecial(raw, type);
      return void entry.resume();
    }
    const norm = normalizeEntryPath(raw);
    if (!norm.ok) {
      if (norm.reason) s.refusedPath(raw, norm.reason);
      return void entry.resume();
    }
    const over = pathLimitExceeded(norm.path, norm.depth, s.limits);
    if (over) {
      s.pathOverLimit(norm.path, over);
      return void entry.resume();
    }
    const collector = new EntryCollector(s, norm.path, entry.size);
    if (!collector.wanted) return void entry.resume();
    entry.on('data', (c: Buffer) => collector.push(c));
    entry.on('end', () => {
      if (s.stopped) return;
      collector.end();
    });
  }

  private onIgnored(entry: ReadEntry): void {
    if (entry.meta) {
      // an extended header too large to trust
      this.noteOther(`oversized ${entry.type} header ignored`);
      return;
    }
    if (this.session.stopped || !this.session.countEntry()) return;
    this.session.skippedSpecial(entry.path, String(entry.type));
  }

  private onWarn(code: string, message: string): void {
    const text = displayName(String(message));
    if (code === 'TAR_ENTRY_INVALID') {
      if (this.invalidHeaders++ === 0) this.firstInvalid = text;
    } else if (code === 'TAR_BAD_ARCHIVE' && text.startsWith('Truncated input')) {
      this.truncatedEntry = this.currentName === undefined ? 'the last entry' : displayName(this.currentName);
    } else if (code === 'TAR_BAD_ARCHIVE' && text.startsWith('Unrecognized archive')) {
      this.unrecognized = true;
    } else {
      this.noteOther(`${code} ${text}`);
    }
  }

  private noteOther(msg: string): void {
    this.otherWarnings.set(msg, (this.otherWarnings.get(msg) ?? 0) + 1);
  }
}
