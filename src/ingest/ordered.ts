/**
 * Applies work in the order it was announced, whatever order it completes in.
 * Files are parsed on the main thread or in workers and finish out of order;
 * the model must still see them in bundle order, so that its output does not
 * depend on thread timing.
 */
export class InOrder {
  private readonly done = new Map<number, () => void>();
  private nextId = 0;
  private head = 0;
  private waiters: (() => void)[] = [];

  /** A place in the order, to be filled later. */
  reserve(): number {
    return this.nextId++;
  }

  /** The work for place `id`; runs it, and every later one that is ready, once all earlier places have run. */
  fill(id: number, apply: () => void): void {
    this.done.set(id, apply);
    while (this.done.has(this.head)) {
      const run = this.done.get(this.head)!;
      this.done.delete(this.head);
      this.head++;
      run();
    }
    if (this.head === this.nextId && this.waiters.length > 0) {
      const waiters = this.waiters;
      this.waiters = [];
      for (const resolve of waiters) resolve();
    }
  }

  /** Resolves once every place reserved so far has run. */
  allDone(): Promise<void> {
    if (this.head === this.nextId) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Places reserved and not yet run. */
  get waiting(): number {
    return this.nextId - this.head;
  }
}
