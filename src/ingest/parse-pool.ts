/**
 * Worker threads that parse bundle files while the main thread reads the
 * archive and builds the model. JSON.parse and record extraction are most of
 * the work on a big bundle; spread over the machine's cores they stop being
 * the bottleneck. File bytes are transferred, not copied, and each worker is
 * given the file to the one with the fewest bytes waiting.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { errorMessage } from '../bundle/session.js';
import { fromEventColumns } from './event-columns.js';
import { failedWarning, type ParseJob, type ParseOutcome } from './parse-job.js';
import type { WorkerReply, WorkerRequest } from './parse-wire.js';

interface Pending {
  file: string;
  bytes: number;
  resolve: (o: ParseOutcome) => void;
}

class ParseWorker {
  readonly pending = new Map<number, Pending>();
  queuedBytes = 0;
  alive = true;

  constructor(readonly worker: Worker) {
    worker.on('message', (m: WorkerReply) => this.settle(m.id, withEvents(m)));
    worker.on('error', (e) => this.fail(`parse worker stopped: ${errorMessage(e)}`));
    worker.on('exit', () => this.fail('parse worker stopped'));
  }

  private settle(id: number, outcome: ParseOutcome): void {
    const p = this.pending.get(id);
    if (!p) return;
    this.pending.delete(id);
    this.queuedBytes -= p.bytes;
    p.resolve(outcome);
  }

  /** A worker that died takes its files with it (their bytes were transferred): each becomes a warning. */
  private fail(why: string): void {
    this.alive = false;
    for (const [id, p] of this.pending) this.settle(id, { status: 'failed', warning: failedWarning(p.file, why) });
  }
}

export interface ParsePoolOptions {
  workers: number;
  /** bytes waiting in one worker above which files are parsed on the main thread instead */
  maxQueuedBytesPerWorker: number;
}

export class ParsePool {
  private readonly workers: ParseWorker[] = [];
  private nextId = 0;

  private constructor(private readonly opts: ParsePoolOptions) {}

  /** undefined when workers cannot run here (no compiled worker script, as under a TypeScript test runner) */
  static start(opts: ParsePoolOptions): ParsePool | undefined {
    const script = new URL('./parse-worker.js', import.meta.url);
    if (opts.workers < 1 || script.protocol !== 'file:' || !existsSync(fileURLToPath(script))) return undefined;
    const pool = new ParsePool(opts);
    for (let i = 0; i < opts.workers; i++) {
      pool.workers.push(new ParseWorker(new Worker(script)));
    }
    return pool;
  }

  /**
   * Parses in a worker, or returns undefined when every worker already has
   * enough waiting (the caller parses on its own thread: memory stays bounded).
   * The content's memory is moved to the worker when it owns it whole.
   */
  parse(job: ParseJob, content: Buffer): Promise<ParseOutcome> | undefined {
    let best: ParseWorker | undefined;
    for (const w of this.workers) if (w.alive && (!best || w.queuedBytes < best.queuedBytes)) best = w;
    if (!best || best.queuedBytes + content.length > this.opts.maxQueuedBytesPerWorker) return undefined;
    const id = this.nextId++;
    const target = best;
    target.queuedBytes += content.length;
    const ownsMemory = content.byteOffset === 0 && content.buffer.byteLength === content.length;
    const bytes = new Uint8Array(content.buffer, content.byteOffset, content.length);
    return new Promise<ParseOutcome>((resolve) => {
      target.pending.set(id, { file: job.file, bytes: content.length, resolve });
      const req: WorkerRequest = { id, job, bytes };
      target.worker.postMessage(req, ownsMemory ? [content.buffer as ArrayBuffer] : []);
    });
  }

  /** Stops the workers; the owner must call it (a live worker keeps the process running). */
  async close(): Promise<void> {
    for (const w of this.workers) w.alive = false;
    await Promise.all(this.workers.map((w) => w.worker.terminate()));
  }
}

/** The reply's records with its column-coded events put back after them. */
function withEvents(m: WorkerReply): ParseOutcome {
  if (!m.events || m.outcome.status !== 'parsed') return m.outcome;
  const result = m.outcome.result;
  return { status: 'parsed', result: { ...result, records: [...result.records, ...fromEventColumns(m.events)] } };
}
