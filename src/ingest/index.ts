/**
 * Bundle → parsers → model in one streaming pass. Each entry is classified by
 * its path (layout knowledge), sniffed by content when the path says nothing,
 * parsed as soon as it is read, on a parse worker or the main thread (see
 * scheduler.ts), and its text dropped right after: memory holds records, not
 * files. Records reach the model in bundle order.
 */
import { readBundle } from '../bundle/index.js';
import type { BundleLimits, BundleReadSummary } from '../bundle/types.js';
import { ModelBuilder } from '../model/build.js';
import type { Model } from '../model/types.js';
import { classifyPath, sniffHead } from '../parsers/index.js';
import type { PathClass } from '../parsers/index.js';
import { InOrder } from './ordered.js';
import type { ParseJob, ParseOutcome } from './parse-job.js';
import { ParseScheduler } from './scheduler.js';
import { isBigArchive } from './warm-workers.js';

export interface LoadOptions {
  limits?: Partial<BundleLimits>;
  onProgress?: (p: { bytes: number; entries: number }) => void;
  /** parse worker threads: 'auto' (default) starts them once the bundle is big; 0 parses on the main thread only */
  parseWorkers?: number | 'auto';
  /**
   * Work for the main thread while it waits for the parse workers' last files
   * (run at most once, and only when it would otherwise wait): the caller's
   * preparation for what follows the read.
   */
  whileWaiting?: () => void;
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
  const parsing = new ParseScheduler({ workers: opts.parseWorkers ?? 'auto', big: isBigArchive(input) });
  try {
    const summary = await readBundle(input, {
      limits: opts.limits,
      onProgress: opts.onProgress,
      // reading waits while enough files wait to be parsed: memory holds records, not files
      backpressure: () => parsing.room(),
      select: (path) => {
        const c = classifyPath(path);
        if (c.decision !== 'skip') pending.set(path, c);
        return c.decision;
      },
      sniff: (path, head) => {
        const ok = sniffHead(path, head);
        if (!ok) {
          pending.delete(path);
          order.fill(order.reserve(), () => slot.builder?.addUnrecognized(path));
        }
        return ok;
      },
      onFile: (file) => {
        const c = pending.get(file.path);
        pending.delete(file.path);
        const job: ParseJob = { file: file.path, kind: c?.kind, node: c?.node, namespace: c?.namespace, truncated: file.truncated };
        const id = order.reserve();
        parsing.submit(job, file.content, (o) => order.fill(id, () => applyOutcome(slot.builder, file.path, o, c)));
      },
    });
    parsing.drain();
    if (order.waiting > 0) opts.whileWaiting?.();
    // every file applied to the builder, wherever it was parsed
    await order.allDone();
    for (const w of summary.warnings) builder.addWarning(w);
    const model = builder.finish({ singleFile: summary.kind === 'file' });
    return { input, model, summary };
  } finally {
    slot.builder = undefined;
    pending.clear();
    await parsing.close();
  }
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
  // the redactor loads only for the TUI's evidence view
  const { redactFile } = await import('../redact/redact-file.js');
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
