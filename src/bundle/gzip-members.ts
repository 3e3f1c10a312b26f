import * as zlib from 'node:zlib';

const CHUNK = 1024 * 1024;

/** zlib.crc32 exists from Node 20.15; without it only the size in the trailer is checked. */
const crc32 = (zlib as { crc32?: (data: Buffer, value?: number) => number }).crc32;

export class GzipError extends Error {
  constructor(
    message: string,
    /** 'truncated': the input ended inside a member; 'corrupt': bad data; 'trailing': junk after the last member */
    readonly kind: 'truncated' | 'corrupt' | 'trailing',
  ) {
    super(message);
  }
}

type State = 'header' | 'deflate' | 'trailer' | 'between';

/**
 * gzip (RFC 1952) decoded member by member: the header and the 8-byte trailer
 * are read here, the deflate data by zlib's raw inflater, which stops exactly
 * at the end of its data. So multi-member files (pigz, bgzip) are read, and
 * junk after the last member is told apart from corruption, with all output
 * before it kept — Node's Gunzip throws that output away with the error.
 */
export class GzipMembers {
  private state: State = 'header';
  private pending: Buffer = Buffer.alloc(0);
  private inflate: zlib.InflateRaw | undefined;
  private crc = 0;
  private outSize = 0;
  private doneIn = 0;
  private failure: unknown;
  private members = 0;
  private memberEnded = false;
  /** inflated chunks not yet checked and passed on (see startMember) */
  private waiting: Buffer[] = [];
  private flushQueued = false;

  /** `onData` gets output synchronously; a throw there ends the stream with that error. */
  constructor(private readonly onData: (chunk: Buffer) => void) {}

  /** compressed bytes consumed so far, for the compression ratio */
  get bytesIn(): number {
    return this.doneIn + (this.inflate?.bytesWritten ?? 0);
  }

  async write(chunk: Buffer): Promise<void> {
    let buf = chunk;
    while (buf.length > 0) {
      this.check();
      switch (this.state) {
        case 'header': {
          this.pending = this.pending.length ? Buffer.concat([this.pending, buf]) : buf;
          buf = Buffer.alloc(0);
          const len = headerLength(this.pending);
          if (len === 0) return;
          if (len < 0) throw new GzipError('not gzip data', this.members === 0 ? 'corrupt' : 'trailing');
          this.doneIn += len;
          buf = this.pending.subarray(len);
          this.pending = Buffer.alloc(0);
          this.startMember();
          break;
        }
        case 'deflate': {
          const used = await this.feed(buf);
          this.check();
          buf = buf.subarray(used);
          break;
        }
        case 'trailer': {
          this.pending = this.pending.length ? Buffer.concat([this.pending, buf]) : buf;
          buf = Buffer.alloc(0);
          if (this.pending.length < 8) return;
          this.checkTrailer(this.pending);
          this.doneIn += 8;
          buf = this.pending.subarray(8);
          this.pending = Buffer.alloc(0);
          this.state = 'between';
          break;
        }
        case 'between': {
          // zero padding after a member is common (tape records); a new member starts with the magic
          let i = 0;
          while (i < buf.length && buf[i] === 0) i++;
          this.doneIn += i;
          buf = buf.subarray(i);
          if (buf.length === 0) return;
          if (buf[0] !== 0x1f) throw new GzipError('data after the end of the gzip stream', 'trailing');
          this.state = 'header';
          break;
        }
      }
    }
  }

  async end(): Promise<void> {
    this.check();
    if (this.state === 'between') return;
    if (this.state === 'header' && this.members > 0) throw new GzipError('data after the end of the gzip stream', 'trailing');
    throw new GzipError('the gzip stream is truncated (unexpected end of file)', 'truncated');
  }

  destroy(): void {
    // nothing inflated before this is passed on after it
    this.waiting = [];
    this.inflate?.destroy();
  }

  private startMember(): void {
    this.members++;
    this.crc = 0;
    this.outSize = 0;
    const inflate = zlib.createInflateRaw({ chunkSize: CHUNK });
    // zlib hands over a chunk before it starts inflating the next one, so work done
    // right here would keep its thread idle: the checksum and the tar parsing run
    // just after, as a microtask, while the next chunk inflates. Nothing the main
    // thread observes changes order: no other zlib callback can run before it.
    inflate.on('data', (c: Buffer) => {
      this.waiting.push(c);
      if (this.flushQueued) return;
      this.flushQueued = true;
      queueMicrotask(() => this.flush(inflate));
    });
    inflate.on('error', (e: Error) => {
      this.failure ??= new GzipError(`the gzip data is corrupt (${e.message})`, 'corrupt');
    });
    this.memberEnded = false;
    inflate.once('end', () => {
      this.memberEnded = true;
    });
    this.inflate = inflate;
    this.state = 'deflate';
  }

  /** Checks and passes on every chunk inflated so far, in order. */
  private flush(inflate: zlib.InflateRaw): void {
    this.flushQueued = false;
    const chunks = this.waiting;
    if (chunks.length === 0) return;
    this.waiting = [];
    for (const c of chunks) {
      if (this.failure !== undefined) return;
      if (crc32) this.crc = crc32(c, this.crc);
      this.outSize += c.length;
      try {
        this.onData(c);
      } catch (e) {
        this.failure = e;
        // not from inside zlib's own callback: destroying there leaves its write pending forever
        setImmediate(() => inflate.destroy());
      }
    }
  }

  /** Writes to the inflater; returns the bytes it took (fewer when its data ended inside `buf`). */
  private async feed(buf: Buffer): Promise<number> {
    const inflate = this.inflate!;
    let used = 0;
    if (!this.memberEnded) {
      const before = inflate.bytesWritten;
      await settle(inflate, (done) => inflate.write(buf, done), 'close');
      used = inflate.bytesWritten - before;
      this.flush(inflate);
      this.check();
      if (!this.memberEnded && used >= buf.length) return buf.length;
      // its data ended inside `buf`: 'end' follows the output already given
      if (!this.memberEnded) await settle(inflate, () => undefined, 'end', 'close');
      this.flush(inflate);
      this.check();
    }
    this.doneIn += inflate.bytesWritten;
    this.inflate = undefined;
    inflate.destroy();
    this.state = 'trailer';
    return used;
  }

  private checkTrailer(t: Buffer): void {
    const crc = t.readUInt32LE(0);
    const size = t.readUInt32LE(4);
    if (size !== this.outSize % 2 ** 32 || (crc32 && crc !== this.crc >>> 0)) {
      throw new GzipError('the gzip data is corrupt (checksum or size mismatch)', 'corrupt');
    }
  }

  private check(): void {
    if (this.failure !== undefined) throw this.failure;
  }
}

/**
 * Length of the member header at the start of `b`: 0 when more bytes are
 * needed, -1 when it is not a gzip header.
 */
function headerLength(b: Buffer): number {
  if (b.length < 10) return b.length >= 1 && b[0] !== 0x1f ? -1 : b.length >= 2 && b[1] !== 0x8b ? -1 : 0;
  if (b[0] !== 0x1f || b[1] !== 0x8b || b[2] !== 8) return -1;
  const flags = b[3];
  let i = 10;
  if (flags & 4) {
    if (b.length < i + 2) return 0;
    i += 2 + b.readUInt16LE(i);
  }
  for (const bit of [8, 16]) {
    if (flags & bit) {
      const nul = b.indexOf(0, i);
      if (nul < 0) return b.length > 1024 * 1024 ? -1 : 0;
      i = nul + 1;
    }
  }
  if (flags & 2) i += 2;
  return b.length >= i ? i : 0;
}

/** Resolves once `start`'s callback runs or the stream emits one of `events` (or errors). */
function settle(stream: zlib.InflateRaw, start: (done: () => void) => void, ...events: string[]): Promise<void> {
  return new Promise((resolve) => {
    // a destroyed stream emits nothing more
    if (stream.destroyed) {
      start(() => undefined);
      resolve();
      return;
    }
    const all = [...events, 'error'];
    const done = () => {
      for (const e of all) stream.off(e, done);
      resolve();
    };
    for (const e of all) stream.once(e, done);
    start(done);
  });
}
