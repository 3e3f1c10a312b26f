/** Loads a sample bundle exactly as `podmortem analyze` does. */
import { loadBundle } from '../../src/ingest/index.js';
import type { Model } from '../../src/model/types.js';

export async function loadSample(path: string): Promise<Model> {
  return (await loadBundle(path)).model;
}
