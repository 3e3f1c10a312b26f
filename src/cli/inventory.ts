import { stripTerminalControls } from '../common/terminal.js';
import { inventoryOf } from '../findings/assemble.js';
import { loadBundle } from '../ingest/index.js';
import { renderInventoryText } from '../report/index.js';
import type { BundleLimits } from '../bundle/types.js';
import { EXIT_OK, EXIT_USAGE, UsageError } from './errors.js';
import { createProgress } from './progress.js';

export async function inventoryCommand(input: string, opts: { format?: string; color: boolean; limits: Partial<BundleLimits> }): Promise<number> {
  if (opts.format && opts.format !== 'text' && opts.format !== 'json') throw new UsageError(`unknown --format ${opts.format}: use text or json`);
  const shown = stripTerminalControls(input);
  const progress = createProgress(shown);
  let loaded;
  try {
    loaded = await loadBundle(input, { limits: opts.limits, onProgress: (p) => progress.update(p) });
  } catch (err) {
    progress.done();
    process.stderr.write(`podmortem: ${shown}: ${stripTerminalControls(err instanceof Error ? err.message : String(err))}\n`);
    return EXIT_USAGE;
  }
  progress.done();
  const { model, summary } = loaded;
  const inventory = inventoryOf(model, model.warnings);
  if (opts.format === 'json') {
    const doc = { bundle: { path: input, kind: summary.kind, sha256: summary.sha256, entries: summary.entriesSeen, filesRead: summary.filesRead, bytesRead: summary.bytesRead, incomplete: summary.incomplete }, ...inventory, capabilities: [...model.capabilities].sort() };
    process.stdout.write(JSON.stringify(doc, (_k, v) => (typeof v === 'string' ? stripTerminalControls(v) : v), 2) + '\n');
  } else {
    process.stdout.write(renderInventoryText(inventory, { color: opts.color }));
  }
  if (summary.filesRead === 0 && model.artifacts.length === 0) {
    process.stderr.write(`podmortem: ${shown}: nothing could be read from this bundle\n`);
    return EXIT_USAGE;
  }
  return EXIT_OK;
}
