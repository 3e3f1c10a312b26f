/**
 * Worker threads that parse bundle files while the main thread reads the
 * archive and builds the model. JSON.parse and record extraction are most of
 * the work on a big bundle; spread over the machine's cores they stop being
 * the bottleneck. File bytes are transferred, not copied.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { errorMessage } from '../bundle/session.js';
import { fromEventColumns } from './event-columns.js';
import { fromPodTuples } from './pod-tuples.js';
import { PreviousRecords } from './share-strings.js';
import { failedWarning, type ParseJob, type ParseOutcome } from './parse-job.js';
import type { WorkerReply, WorkerRequest } from './parse-wire.js';
import { adoptWarmWorker, WORKER_SCRIPT } from './warm-workers.js';

/** Files handed to one worker at a time: some wait in its port, so it never idles between messages. */
const IN_FLIGHT_PER_WORKER = 4;

interface Pending {
  file: string;
  done: (o: ParseOutcome) => void;
}

class ParseWorker {
  readonly pending = new Map<number, Pending>();
  alive = true;

  constructor(
    readonly worker: Worker,
    private readonly onFree: () => void,
    previous: PreviousRecords,
  ) {
    worker.on('message', (m: WorkerReply) => this.settle(m.id, withEvents(m, previous)));
    worker.on('error', (e) => this.fail(`parse worker stopped: ${errorMessage(e)}`));
    worker.on('exit', () => this.fail('parse worker stopped'));
  }

  get free(): boolean {
    return this.alive && this.pending.size < IN_FLIGHT_PER_WORKER;
  }

  private settle(id: number, outcome: ParseOutcome): void {
    const p = this.pending.get(id);
    if (!p) return;
    this.pending.delete(id);
    p.done(outcome);
    this.onFree();
  }

  /** A worker that died takes its files with it (their bytes were transferred): each becomes a warning. */
  private fail(why: string): void {
    this.alive = false;
    for (const [id, p] of this.pending) this.settle(id, { status: 'failed', warning: failedWarning(p.file, why) });
  }
}

export class ParsePool {
  private readonly workers: ParseWorker[] = [];
  private nextId = 0;

  private constructor() {}

  /**
   * undefined when workers cannot run here (no compiled worker script, as
   * under a TypeScript test runner). `onFree` is called whenever a worker can
   * take another file. `script` is for tests.
   */
  static start(workers: number, onFree: () => void, script = WORKER_SCRIPT): ParsePool | undefined {
    if (workers < 1 || script.protocol !== 'file:' || !existsSync(fileURLToPath(script))) return undefined;
    const pool = new ParsePool();
    const previous = new PreviousRecords();
    // workers started early (warm-workers.ts) first
    for (let i = 0; i < workers; i++) pool.workers.push(new ParseWorker(adoptWarmWorker(script) ?? new Worker(script), onFree, previous));
    return pool;
  }

  /** True while a worker is running. */
  get alive(): boolean {
    return this.workers.some((w) => w.alive);
  }

  /** True when a worker can take a file now. */
  get free(): boolean {
    return this.workers.some((w) => w.free);
  }

  /**
   * Hands the file to a worker with room (false when none has any). The
   * content's memory is moved to the worker when it owns it whole.
   */
  post(job: ParseJob, content: Buffer, done: (o: ParseOutcome) => void): boolean {
    let target: ParseWorker | undefined;
    for (const w of this.workers) if (w.free && (!target || w.pending.size < target.pending.size)) target = w;
    if (!target) return false;
    const id = this.nextId++;
    target.pending.set(id, { file: job.file, done });
    const ownsMemory = content.byteOffset === 0 && content.buffer.byteLength === content.length;
    const req: WorkerRequest = { id, job, bytes: new Uint8Array(content.buffer, content.byteOffset, content.length) };
    target.worker.postMessage(req, ownsMemory ? [content.buffer as ArrayBuffer] : []);
    return true;
  }

  /**
   * Stops the workers; the owner must call it (a live worker keeps the process
   * running). It does not wait for them to exit: tearing down a worker's heap
   * takes tens of milliseconds, which the other core spends while the main
   * thread builds the report. Unreferenced, they cannot hold the process.
   */
  async close(): Promise<void> {
    for (const w of this.workers) {
      w.alive = false;
      w.worker.unref();
      w.worker.terminate().catch(() => undefined);
    }
  }
}

/** The reply's records, their strings shared, with its pods and column-coded events put back after them. */
function withEvents(m: WorkerReply, previous: PreviousRecords): ParseOutcome {
  if (m.outcome.status !== 'parsed') return m.outcome;
  const result = m.outcome.result;
  previous.share(result.records);
  const pods = m.pods ? fromPodTuples(m.pods) : [];
  previous.share(pods);
  if (!m.events && pods.length === 0) return m.outcome;
  return { status: 'parsed', result: { ...result, records: [...result.records, ...pods, ...(m.events ? fromEventColumns(m.events) : [])] } };
}
