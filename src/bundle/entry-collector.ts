import type { ReadSession } from './session.js';

/**
 * Buffers one streamed entry according to the caller's decision. 'skip'
 * keeps nothing; 'sniff' keeps the first sniffBytes, asks, then keeps the
 * rest or drops it; 'read' keeps all. An entry over maxFileBytes that the
 * caller wants is dropped with a warning instead of being buffered.
 */
export class EntryCollector {
  private chunks: Buffer[] = [];
  private held = 0;
  private received = 0;
  private mode: 'drop' | 'head' | 'keep';

  constructor(
    private readonly session: ReadSession,
    readonly path: string,
    /** size announced by the archive header */
    readonly size: number,
  ) {
    const decision = session.select(path, size);
    if (decision === 'skip') this.mode = 'drop';
    else if (decision === 'sniff') this.mode = 'head';
    else this.mode = this.fits() ? 'keep' : 'drop';
  }

  /** false when nothing of the entry will be kept: the caller can just drain it */
  get wanted(): boolean {
    return this.mode !== 'drop';
  }

  push(chunk: Buffer): void {
    this.received += chunk.length;
    if (this.mode === 'drop') return;
    this.chunks.push(chunk);
    this.held += chunk.length;
    if (this.mode === 'head' && this.held >= this.session.sniffBytes) this.decideAfterSniff();
  }

  /** At the entry's end: deliver it, unless the archive cut it short. */
  end(): void {
    if (this.mode === 'drop') return;
    if (this.received < this.size) {
      this.drop();
      return;
    }
    if (this.mode === 'head' && !this.decideAfterSniff()) return;
    // always a copy: a chunk is a view into a 1 MiB read buffer, which a kept small file must not pin
    const content = Buffer.concat(this.chunks, this.held);
    this.chunks = [];
    this.session.deliver(this.path, content);
  }

  /** true when the entry is kept */
  private decideAfterSniff(): boolean {
    const all = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks, this.held);
    this.chunks = [all];
    const head = all.length > this.session.sniffBytes ? all.subarray(0, this.session.sniffBytes) : all;
    if (this.session.sniff(this.path, head) && this.fits()) {
      this.mode = 'keep';
      return true;
    }
    this.drop();
    return false;
  }

  private fits(): boolean {
    if (this.size <= this.session.limits.maxFileBytes) return true;
    this.session.fileTooLarge(this.path, this.size);
    return false;
  }

  private drop(): void {
    this.mode = 'drop';
    this.chunks = [];
    this.held = 0;
  }
}
