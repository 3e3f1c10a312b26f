/**
 * Runs tasks in the order they were queued, just after the caller returns to
 * the event loop. The bundle reader delivers a file from inside zlib's
 * callback; parsing it there would keep the inflater idle until the parse
 * ends. Deferred, the parse runs while zlib inflates the next chunk on its
 * own thread. Bounded: past `maxBytes` of queued content it drains at once.
 */
export class DeferredQueue {
  private tasks: (() => void)[] = [];
  private bytes = 0;
  private scheduled = false;
  private draining = false;

  constructor(private readonly maxBytes: number) {}

  push(task: () => void, bytes = 0): void {
    this.tasks.push(task);
    this.bytes += bytes;
    if (this.bytes > this.maxBytes) this.drain();
    else if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => {
        this.scheduled = false;
        this.drain();
      });
    }
  }

  /** Runs every queued task now (tasks must not throw: each guards itself). */
  drain(): void {
    if (this.draining) return;
    this.draining = true;
    try {
      for (let i = 0; i < this.tasks.length; i++) {
        const task = this.tasks[i];
        // drop the reference first: a task's closure holds a whole file's bytes
        this.tasks[i] = noop;
        task();
      }
    } finally {
      this.tasks = [];
      this.bytes = 0;
      this.draining = false;
    }
  }
}

function noop(): void {}
