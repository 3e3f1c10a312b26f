/**
 * Decides where each bundle file is parsed. Files wait in one queue; parse
 * workers take the next one whenever they have room. The main thread builds
 * the model, so it parses only when no worker runs or when more waits than
 * the workers will soon take, one file per turn of the event loop, so worker
 * results and the reader's chunks are handled in between. Without workers (a
 * small bundle, one core, PODMORTEM_PARSE_WORKERS=0) the main thread parses
 * everything, just after the reader's callback returns, so zlib inflates the
 * next chunk meanwhile.
 */
import { runParseJob, type ParseJob, type ParseOutcome } from './parse-job.js';
import { ParsePool } from './parse-pool.js';
import { autoWorkerCount } from './warm-workers.js';

export interface SchedulerOptions {
  /** worker threads: 'auto' starts one per spare core once the bundle proves big */
  workers: number | 'auto';
  /** the bundle is known to be big (a large archive): in 'auto', start the workers now, while reading begins */
  big?: boolean;
  /** the worker script, for tests */
  workerScript?: URL;
}

/** Bytes read before workers are started in 'auto': a small bundle is done before they would be ready. */
const START_WORKERS_AFTER = 4 * 1024 * 1024;
/** Waiting bytes above which the reader pauses (it resumes as files are taken). */
const READ_AHEAD_BYTES = 8 * 1024 * 1024;
/**
 * With workers, the main thread parses only when more than this waits: it
 * has the model to build, and parsing there costs more (its heap is big).
 */
const MAIN_HELPS_ABOVE = 8 * 1024 * 1024;
/** Waiting bytes above which the main thread parses at once, before returning to the reader: one archive chunk can hold many files. */
const MAX_WAITING_BYTES = 32 * 1024 * 1024;

interface Waiting {
  job: ParseJob;
  content: Buffer;
  done: (o: ParseOutcome) => void;
}

export class ParseScheduler {
  private queue: Waiting[] = [];
  private head = 0;
  private waitingBytes = 0;
  private seen = 0;
  private pool?: ParsePool;
  private poolTried = false;
  private turnScheduled = false;
  private roomWaiters: (() => void)[] = [];

  constructor(private readonly opts: SchedulerOptions) {
    if (opts.big) this.startPool(true);
  }

  /** Parses the file somewhere, then calls `done` on the main thread. */
  submit(job: ParseJob, content: Buffer, done: (o: ParseOutcome) => void): void {
    this.seen += content.length;
    this.startPool();
    if (this.pool?.free && this.head === this.queue.length && this.pool.post(job, content, done)) return;
    this.queue.push({ job, content, done });
    this.waitingBytes += content.length;
    while (this.waitingBytes > MAX_WAITING_BYTES) this.parseOneHere();
    this.scheduleTurn();
  }

  /** For the reader's backpressure: undefined when it may go on, else a promise that settles when it may. */
  room(): Promise<void> | undefined {
    if (this.waitingBytes <= READ_AHEAD_BYTES) return undefined;
    this.scheduleTurn();
    return new Promise((resolve) => this.roomWaiters.push(resolve));
  }

  /** Parses on the main thread whatever still waits (the read is over). */
  drain(): void {
    while (this.head < this.queue.length) this.parseOneHere();
  }

  async close(): Promise<void> {
    await this.pool?.close();
  }

  private startPool(now = false): void {
    if (this.poolTried) return;
    const auto = this.opts.workers === 'auto';
    if (auto && !now && this.seen <= START_WORKERS_AFTER) return;
    this.poolTried = true;
    const n = auto ? autoWorkerCount() : (this.opts.workers as number);
    this.pool = ParsePool.start(n, () => this.feedWorkers(), this.opts.workerScript);
  }

  private feedWorkers(): void {
    while (this.head < this.queue.length && this.pool?.free) {
      const w = this.take();
      this.pool.post(w.job, w.content, w.done);
    }
  }

  /** No live worker, or more waits than the workers will soon take. */
  private mainShouldHelp(): boolean {
    return !this.pool?.alive || this.waitingBytes > MAIN_HELPS_ABOVE;
  }

  private parseOneHere(): void {
    const w = this.take();
    w.done(runParseJob(w.job, w.content));
  }

  private take(): Waiting {
    const w = this.queue[this.head];
    // drop the reference at once: it holds a whole file's bytes
    this.queue[this.head] = EMPTY;
    this.head++;
    if (this.head === this.queue.length) {
      this.queue = [];
      this.head = 0;
    }
    this.waitingBytes -= w.content.length;
    if (this.waitingBytes <= READ_AHEAD_BYTES && this.roomWaiters.length > 0) {
      const waiters = this.roomWaiters;
      this.roomWaiters = [];
      for (const resolve of waiters) resolve();
    }
    return w;
  }

  /**
   * One file for the main thread per event-loop turn, so worker results and
   * zlib chunks are handled in between. A turn that leaves files to the
   * workers schedules no other: the next submit or drain does.
   */
  private scheduleTurn(): void {
    if (this.turnScheduled) return;
    this.turnScheduled = true;
    setImmediate(() => {
      this.turnScheduled = false;
      this.feedWorkers();
      if (this.head < this.queue.length && this.mainShouldHelp()) {
        this.parseOneHere();
        if (this.head < this.queue.length) this.scheduleTurn();
      }
    });
  }
}

const EMPTY: Waiting = { job: { file: '' }, content: Buffer.alloc(0), done: () => undefined };
