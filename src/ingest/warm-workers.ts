/**
 * Parse workers started before the rest of podmortem loads. A worker needs
 * about a tenth of a second to load its modules; started as soon as the
 * command line is read, it does so on another core while the main thread
 * loads its own modules and the rules, and is ready when the first file is.
 * A warm worker is unreferenced until a ParsePool adopts it, so one that is
 * never used (a usage error, a small bundle) does not keep the process alive.
 */
import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

/** Compressed bundles over this size start their parse workers before the first byte is read. */
export const BIG_ARCHIVE_BYTES = 1024 * 1024;

export const WORKER_SCRIPT = new URL('./parse-worker.js', import.meta.url);

/** Workers for 'auto': one per spare core, at most four. */
export function autoWorkerCount(): number {
  return Math.max(1, Math.min(4, availableParallelism() - 1));
}

interface Warm {
  worker: Worker;
  dead: boolean;
}

const warm: Warm[] = [];

/**
 * Starts the parse workers a big archive will want (`workers`: a count, or
 * 'auto'); does nothing for a folder, a small file or 0 workers.
 */
export function warmUpFor(input: string, workers: number | 'auto'): void {
  const n = workers === 'auto' ? autoWorkerCount() : workers;
  if (n < 1 || warm.length > 0 || !isBigArchive(input)) return;
  try {
    statSync(new URL(WORKER_SCRIPT));
  } catch {
    return; // no compiled worker script (a TypeScript test runner): parse on the main thread
  }
  for (let i = 0; i < n; i++) {
    const w: Warm = { worker: new Worker(WORKER_SCRIPT), dead: false };
    // a worker that fails before it is adopted must not crash the process, and must not be adopted
    w.worker.on('error', () => (w.dead = true));
    w.worker.on('exit', () => (w.dead = true));
    w.worker.unref();
    warm.push(w);
  }
}

/** A warm worker of this script that is still running, now referenced, or undefined. */
export function adoptWarmWorker(script: URL): Worker | undefined {
  if (script.href !== WORKER_SCRIPT.href) return undefined;
  for (let w = warm.shift(); w; w = warm.shift()) {
    if (w.dead) continue;
    w.worker.ref();
    return w.worker;
  }
  return undefined;
}

export function isBigArchive(input: string): boolean {
  try {
    const st = statSync(input);
    return st.isFile() && st.size > BIG_ARCHIVE_BYTES;
  } catch {
    return false;
  }
}
