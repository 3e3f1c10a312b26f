/**
 * Bundle → parsers → model in one streaming pass. Each entry is classified by
 * its path (layout knowledge), sniffed by content when the path says nothing,
 * parsed as soon as it is read (while zlib inflates what follows), and its
 * text dropped right after: memory holds records, not files.
 */
import { readBundle } from '../bundle/index.js';
import { availableParallelism } from 'node:os';
import type { BundleLimits, BundleReadSummary } from '../bundle/types.js';
import { ModelBuilder } from '../model/build.js';
import type { Model } from '../model/types.js';
import { classifyPath, sniffHead } from '../parsers/index.js';
import { redactFile } from '../redact/redact-file.js';
import type { PathClass } from '../parsers/index.js';
import { DeferredQueue } from './deferred.js';
import { InOrder } from './ordered.js';
import { runParseJob, type ParseJob, type ParseOutcome } from './parse-job.js';
import { ParsePool } from './parse-pool.js';

/** Content waiting to be parsed at most; past it the reader waits for the parser. */
const MAX_QUEUED_BYTES = 32 * 1024 * 1024;

export interface LoadOptions {
  limits?: Partial<BundleLimits>;
  onProgress?: (p: { bytes: number; entries: number }) => void;
  /** parse worker threads: 'auto' (default) starts them once the bundle is big; 0 parses on the main thread only */
  parseWorkers?: number | 'auto';
}

export interface LoadedBundle {
  input: string;
  model: Model;
  summary: BundleReadSummary;
}

export async function loadBundle(input: string, opts: LoadOptions = {}): Promise<LoadedBundle> {
  const builder = new ModelBuilder();
  // the reader's streams may keep these callbacks (and so the builder with every parsed record) alive after the
  // read: they reach the builder only through this slot, emptied once the model is built
  const slot: { builder?: ModelBuilder } = { builder };
  const pending = new Map<string, PathClass>();
  // files reach the builder in bundle order, wherever and whenever they were parsed
  const order = new InOrder();
  // main-thread parses run just after the reader's callback returns (see deferred.ts)
  const inline = new DeferredQueue(MAX_QUEUED_BYTES);
  const workers = new WorkerStarter(opts.parseWorkers ?? 'auto');
  try {
    const summary = await readBundle(input, {
      limits: opts.limits,
      onProgress: opts.onProgress,
      select: (path) => {
        const c = classifyPath(path);
        if (c.decision !== 'skip') pending.set(path, c);
        return c.decision;
      },
      sniff: (path, head) => {
        const ok = sniffHead(path, head);
        if (!ok) {
          pending.delete(path);
          const id = order.reserve();
          inline.push(() => order.fill(id, () => slot.builder?.addUnrecognized(path)));
        }
        return ok;
      },
      onFile: (file) => {
        const c = pending.get(file.path);
        pending.delete(file.path);
        const job: ParseJob = { file: file.path, kind: c?.kind, node: c?.node, namespace: c?.namespace, truncated: file.truncated };
        const id = order.reserve();
        const apply = (o: ParseOutcome) => order.fill(id, () => applyOutcome(slot.builder, file.path, o, c));
        const inWorker = workers.pool(file.content.length)?.parse(job, file.content);
        if (inWorker) void inWorker.then(apply);
        else inline.push(() => apply(runParseJob(job, file.content)), file.content.length);
      },
    });
    inline.drain();
    // every file applied to the builder, wherever it was parsed
    await order.allDone();
    for (const w of summary.warnings) builder.addWarning(w);
    const model = builder.finish({ singleFile: summary.kind === 'file' });
    return { input, model, summary };
  } finally {
    slot.builder = undefined;
    pending.clear();
    await workers.close();
  }
}

/** Bytes read before parse workers are started: a small bundle is done before they would be ready. */
const START_WORKERS_AFTER = 4 * 1024 * 1024;
/** Bytes waiting in one worker above which the main thread parses the next file itself. */
const MAX_QUEUED_PER_WORKER = 16 * 1024 * 1024;

/** Starts the parse pool once the bundle proves big enough to gain from it ('auto'), or at once for a fixed count. */
class WorkerStarter {
  private started?: ParsePool;
  private tried = false;
  private seen = 0;

  constructor(private readonly setting: number | 'auto') {}

  pool(bytes: number): ParsePool | undefined {
    this.seen += bytes;
    if (!this.tried && (this.setting !== 'auto' || this.seen > START_WORKERS_AFTER)) {
      this.tried = true;
      const n = this.setting === 'auto' ? autoWorkers() : this.setting;
      this.started = ParsePool.start({ workers: n, maxQueuedBytesPerWorker: MAX_QUEUED_PER_WORKER });
    }
    return this.started;
  }

  async close(): Promise<void> {
    await this.started?.close();
  }
}

/** One worker per core beyond the main thread's, at least one, at most four. */
function autoWorkers(): number {
  return Math.max(1, Math.min(4, availableParallelism() - 1));
}

function applyOutcome(builder: ModelBuilder | undefined, path: string, o: ParseOutcome, c: PathClass | undefined): void {
  if (!builder) return;
  if (o.status === 'failed') builder.addWarning(o.warning);
  else if (o.status === 'unrecognized') {
    for (const w of o.warnings) builder.addWarning(w);
    builder.addUnrecognized(path);
  } else builder.add({ file: path, kind: o.result.kind, records: o.result.records, warnings: o.result.warnings, layoutHint: c?.layoutHint });
}

/**
 * Re-reads one file of a bundle (for the TUI's evidence view). The view shows
 * whole files, so credentials in them are redacted as `podmortem redact` does
 * (values replaced in place: line numbers stay valid); binary files give undefined.
 */
export async function readBundleFile(input: string, path: string, limits?: Partial<BundleLimits>): Promise<string | undefined> {
  let text: string | undefined;
  await readBundle(input, {
    limits,
    select: (p) => (p === path ? 'read' : 'skip'),
    onFile: (f) => {
      if (f.path === path) text = redactFile(f.path, f.content).content?.toString('utf8');
    },
  });
  return text;
}
