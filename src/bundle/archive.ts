import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import type { Readable } from 'node:stream';
import { isTarHeader } from './detect.js';
import { GzipError, GzipMembers } from './gzip-members.js';
import { RATIO_CHECK_AFTER } from './limits.js';
import { errorMessage, StopSignal, type ReadSession } from './session.js';
import { TarFeeder } from './tar-stream.js';
import { WholeFileBuffer } from './whole-file.js';

const READ_CHUNK = 1024 * 1024;

export interface ArchiveResult {
  sha256: string;
  /** a .gz whose content is not a tar: read as one decompressed file */
  singleFile: boolean;
}

/**
 * Streams an archive once: raw bytes are hashed, gunzipped when `gzip`,
 * counted against the limits and fed to the tar parser. A limit or a broken
 * stream ends the pipeline early; what was delivered stays delivered.
 */
export async function readArchive(path: string, fileSize: number, gzip: boolean, session: ReadSession): Promise<ArchiveResult> {
  const hash = createHash('sha256');
  let hashed = 0;
  const onRaw = (chunk: Buffer) => {
    hash.update(chunk);
    hashed += chunk.length;
    session.inputBytes = hashed;
    session.progress();
  };
  const src = createReadStream(path, { highWaterMark: READ_CHUNK });
  let gz: GzipMembers | undefined;
  const sink = new ArchiveSink(session, () => gz?.bytesIn, gzip ? gunzipName(path) : '');
  if (gzip) gz = new GzipMembers((chunk) => sink.take(chunk));
  try {
    if (gz) await pumpGzip(src, gz, onRaw, session);
    else {
      for await (const chunk of src) {
        onRaw(chunk as Buffer);
        sink.take(chunk as Buffer);
        await session.room();
      }
    }
    await sink.finish();
  } catch (e) {
    sink.abandon();
    if (!(e instanceof StopSignal)) {
      session.incomplete = true;
      session.warn(`${session.inputName}: ${describeStreamError(e)}; the ${session.filesRead} file(s) read before it are kept`);
    }
  } finally {
    src.destroy();
    gz?.destroy();
  }
  // the sha256 names the whole input even when reading stopped early
  if (hashed < fileSize) hashed += await hashRest(path, hashed, hash);
  return { sha256: hash.digest('hex'), singleFile: sink.singleFile };
}

/** Raw chunks in order; each is fully decompressed (and its output parsed) before the next is read. */
async function pumpGzip(src: Readable, gz: GzipMembers, onRaw: (c: Buffer) => void, session: ReadSession): Promise<void> {
  for await (const chunk of src) {
    onRaw(chunk as Buffer);
    await gz.write(chunk as Buffer);
    await session.room();
  }
  await gz.end();
}

class ArchiveSink {
  private head: Buffer[] = [];
  private headBytes = 0;
  private feeder: TarFeeder | undefined;
  private whole: WholeFileBuffer | undefined;
  singleFile = false;

  constructor(
    private readonly session: ReadSession,
    /** compressed bytes consumed so far; undefined for a plain tar */
    private readonly compressedIn: () => number | undefined,
    private readonly singleName: string,
  ) {}

  /** One chunk of the uncompressed stream; throws StopSignal when reading must end. */
  take(chunk: Buffer): void {
    const s = this.session;
    const budget = s.limits.maxTotalBytes - s.bytesRead;
    if (chunk.length > budget) {
      if (budget > 0) this.feed(chunk.subarray(0, budget));
      s.bytesRead += Math.max(0, budget);
      s.stopAtLimit('maxTotalBytes', `more than ${s.limits.maxTotalBytes} bytes uncompressed`);
      throw new StopSignal();
    }
    s.bytesRead += chunk.length;
    const compressed = this.compressedIn();
    if (compressed !== undefined && s.bytesRead > RATIO_CHECK_AFTER) {
      const ratio = s.bytesRead / Math.max(1, compressed);
      if (ratio > s.limits.maxCompressionRatio) {
        s.stopAtLimit('maxCompressionRatio', `it decompresses to ${Math.floor(ratio)}× its compressed size (a gzip bomb?)`);
        throw new StopSignal();
      }
    }
    if (!this.feed(chunk) || s.stopped) throw new StopSignal();
  }

  /** false: read no more */
  private feed(chunk: Buffer): boolean {
    if (this.whole) {
      this.whole.push(chunk);
      return true;
    }
    if (!this.feeder) {
      // decide tar or not from the first block of uncompressed data
      this.head.push(chunk);
      this.headBytes += chunk.length;
      if (this.headBytes < 512) return true;
      const first = Buffer.concat(this.head, this.headBytes);
      this.head = [];
      this.start(first);
      return this.feed(first);
    }
    return this.feeder.atEnd ? this.feeder.trailing(chunk) : this.feeder.write(chunk);
  }

  private start(first: Buffer): void {
    if (this.compressedIn() !== undefined && !isTarHeader(first)) {
      this.singleFile = true;
      this.whole = new WholeFileBuffer(this.session, this.singleName);
    } else {
      this.feeder = new TarFeeder(this.session);
    }
  }

  async finish(): Promise<void> {
    if (!this.feeder && !this.whole && this.headBytes > 0) {
      const first = Buffer.concat(this.head, this.headBytes);
      this.head = [];
      this.start(first);
      this.feed(first);
    }
    if (this.whole) {
      this.session.countEntry();
      this.whole.end();
    } else if (this.feeder) await this.feeder.end();
    else if (this.compressedIn() !== undefined) this.session.warn(`${this.session.inputName}: the gzip stream is empty`);
  }

  abandon(): void {
    this.feeder?.abandon();
  }
}

function gunzipName(path: string): string {
  const base = basename(path);
  for (const ext of ['.tar.gz', '.tgz', '.gz']) {
    if (base.length > ext.length && base.toLowerCase().endsWith(ext)) return base.slice(0, -ext.length);
  }
  return base;
}

function describeStreamError(e: unknown): string {
  if (e instanceof GzipError) {
    return e.kind === 'trailing' ? `${e.message} ignored (the file may be damaged or have something appended)` : e.message;
  }
  return `reading stopped: ${errorMessage(e)}`;
}

async function hashRest(path: string, from: number, hash: Hash): Promise<number> {
  let n = 0;
  try {
    for await (const chunk of createReadStream(path, { start: from, highWaterMark: 1024 * 1024 })) {
      hash.update(chunk as Buffer);
      n += (chunk as Buffer).length;
    }
  } catch {
    // the hash then covers what could be read; the read error was already reported
  }
  return n;
}
