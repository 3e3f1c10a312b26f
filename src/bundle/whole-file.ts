import type { ReadSession } from './session.js';

/**
 * For a file whose size is only known once read (a gzipped single file):
 * buffer up to maxFileBytes, then apply select/sniff to the real size.
 */
export class WholeFileBuffer {
  private chunks: Buffer[] = [];
  private size = 0;
  private over = false;

  constructor(
    private readonly session: ReadSession,
    readonly path: string,
  ) {}

  push(chunk: Buffer): void {
    this.size += chunk.length;
    if (this.over) return;
    if (this.size > this.session.limits.maxFileBytes) {
      this.over = true;
      this.chunks = [];
      return;
    }
    this.chunks.push(chunk);
  }

  end(): void {
    if (this.over) {
      this.session.fileTooLarge(this.path, this.size);
      return;
    }
    deliverBuffered(this.session, this.path, Buffer.concat(this.chunks, this.size));
    this.chunks = [];
  }
}

/** select, then sniff on the first bytes, then hand over: for content already in memory. */
export function deliverBuffered(session: ReadSession, path: string, content: Buffer): void {
  const decision = session.select(path, content.length);
  if (decision === 'skip') return;
  if (decision === 'sniff') {
    const head = content.length > session.sniffBytes ? content.subarray(0, session.sniffBytes) : content;
    if (!session.sniff(path, head)) return;
  }
  session.deliver(path, content);
}
