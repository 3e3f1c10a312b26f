import { stripTerminalControls } from '../common/terminal.js';
import { inventoryOf } from '../findings/assemble.js';
import { renderInventoryText } from '../report/index.js';
import type { BundleLimits } from '../bundle/types.js';
import { EXIT_OK, EXIT_USAGE, UsageError } from './errors.js';
import { loadForCommand, nothingRead } from './load.js';

export async function inventoryCommand(input: string, opts: { format?: string; color: boolean; limits: Partial<BundleLimits> }): Promise<number> {
  if (opts.format && opts.format !== 'text' && opts.format !== 'json') throw new UsageError(`unknown --format ${opts.format}: use text or json`);
  const loaded = await loadForCommand(input, opts.limits);
  if (!loaded) return EXIT_USAGE;
  const { model, summary } = loaded;
  const inventory = inventoryOf(model, model.warnings);
  if (opts.format === 'json') {
    const doc = { bundle: { path: input, kind: summary.kind, sha256: summary.sha256, entries: summary.entriesSeen, filesRead: summary.filesRead, bytesRead: summary.bytesRead, incomplete: summary.incomplete }, ...inventory, capabilities: [...model.capabilities].sort() };
    process.stdout.write(JSON.stringify(doc, (_k, v) => (typeof v === 'string' ? stripTerminalControls(v) : v), 2) + '\n');
  } else {
    process.stdout.write(renderInventoryText(inventory, { color: opts.color }));
  }
  if (nothingRead(loaded)) {
    process.stderr.write(`podmortem: ${stripTerminalControls(input)}: nothing could be read from this bundle\n`);
    return EXIT_USAGE;
  }
  return EXIT_OK;
}
