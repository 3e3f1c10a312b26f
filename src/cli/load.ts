import type { BundleLimits } from '../bundle/types.js';
import { stripTerminalControls } from '../common/terminal.js';
import { loadBundle, type LoadedBundle } from '../ingest/index.js';
import { createProgress } from './progress.js';
import { parseWorkersFromEnv } from './workers-env.js';

export { parseWorkersFromEnv };

/**
 * Loads one bundle for a command, with the stderr progress line; an input that
 * cannot be opened at all gets one line on stderr (no stack) and undefined.
 */
export async function loadForCommand(input: string, limits: Partial<BundleLimits>, whileWaiting?: () => void): Promise<LoadedBundle | undefined> {
  const shown = stripTerminalControls(input);
  const progress = createProgress(shown);
  try {
    return await loadBundle(input, { limits, onProgress: (p) => progress.update(p), parseWorkers: parseWorkersFromEnv(), whileWaiting });
  } catch (err) {
    process.stderr.write(`podmortem: ${shown}: ${stripTerminalControls(err instanceof Error ? err.message : String(err))}\n`);
    return undefined;
  } finally {
    progress.done();
  }
}

/**
 * True when nothing of the bundle could be read: no file at all, or a broken
 * archive that ended before any recognizable file (then an empty report would
 * pass a `--fail-on` gate silently).
 */
export function nothingRead(loaded: LoadedBundle): boolean {
  if (loaded.model.artifacts.length > 0) return false;
  return loaded.summary.filesRead === 0 || loaded.summary.incomplete;
}

