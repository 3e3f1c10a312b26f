/**
 * Bundle → parsers → model in one streaming pass. Each entry is classified by
 * its path (layout knowledge), sniffed by content when the path says nothing,
 * parsed as soon as it is read (while zlib inflates what follows), and its
 * text dropped right after: memory holds records, not files.
 */
import { readBundle } from '../bundle/index.js';
import { displayName } from '../bundle/entry-path.js';
import { errorMessage } from '../bundle/session.js';
import type { BundleFile, BundleLimits, BundleReadSummary } from '../bundle/types.js';
import { ModelBuilder } from '../model/build.js';
import type { Model } from '../model/types.js';
import { classifyPath, parseFile, sniffHead } from '../parsers/index.js';
import { redactFile } from '../redact/redact-file.js';
import type { PathClass } from '../parsers/index.js';
import { DeferredQueue } from './deferred.js';

/** Content waiting to be parsed at most; past it the reader waits for the parser. */
const MAX_QUEUED_BYTES = 32 * 1024 * 1024;

export interface LoadOptions {
  limits?: Partial<BundleLimits>;
  onProgress?: (p: { bytes: number; entries: number }) => void;
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
  // builder calls, in bundle order, run just after the reader's callback returns (see deferred.ts)
  const queue = new DeferredQueue(MAX_QUEUED_BYTES);
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
        queue.push(() => slot.builder?.addUnrecognized(path));
      }
      return ok;
    },
    onFile: (file) => {
      const c = pending.get(file.path);
      pending.delete(file.path);
      queue.push(() => {
        try {
          parseInto(slot.builder, file, c);
        } catch (e) {
          // what the reader says when onFile throws; deferred, it is said here
          slot.builder?.addWarning({ file: displayName(file.path), message: `processing ${displayName(file.path)} failed: ${displayName(errorMessage(e))}` });
        }
      }, file.content.length);
    },
  });
  queue.drain();
  for (const w of summary.warnings) builder.addWarning(w);
  const model = builder.finish({ singleFile: summary.kind === 'file' });
  slot.builder = undefined;
  pending.clear();
  return { input, model, summary };
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

function parseInto(builder: ModelBuilder | undefined, file: BundleFile, c: PathClass | undefined): void {
  if (!builder) return;
  if (file.truncated) builder.addWarning({ file: file.path, message: 'file was cut at the per-file size limit; only its beginning was analyzed' });
  const result = parseFile({ file: file.path, kind: c?.kind, node: c?.node, namespace: c?.namespace }, file.content);
  if (!result) {
    builder.addUnrecognized(file.path);
    return;
  }
  builder.add({ file: file.path, kind: result.kind, records: result.records, warnings: result.warnings, layoutHint: c?.layoutHint });
}
