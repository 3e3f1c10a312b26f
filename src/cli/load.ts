import type { BundleLimits } from '../bundle/types.js';
import { stripTerminalControls } from '../common/terminal.js';
import { loadBundle, type LoadedBundle } from '../ingest/index.js';
import { createProgress } from './progress.js';

/**
 * Loads one bundle for a command, with the stderr progress line; an input that
 * cannot be opened at all gets one line on stderr (no stack) and undefined.
 */
export async function loadForCommand(input: string, limits: Partial<BundleLimits>): Promise<LoadedBundle | undefined> {
  const shown = stripTerminalControls(input);
  const progress = createProgress(shown);
  try {
    return await loadBundle(input, { limits, onProgress: (p) => progress.update(p), parseWorkers: parseWorkersFromEnv() });
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

/**
 * PODMORTEM_PARSE_WORKERS=N fixes the number of parse worker threads (0: parse
 * on the main thread only); unset, podmortem starts them for big bundles.
 */
export function parseWorkersFromEnv(env: NodeJS.ProcessEnv = process.env): number | 'auto' {
  const v = env.PODMORTEM_PARSE_WORKERS;
  if (v === undefined || !/^\d{1,2}$/.test(v.trim())) return 'auto';
  return Number(v.trim());
}
