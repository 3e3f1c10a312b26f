/**
 * Records that crossed from a worker arrive with a fresh copy of every string
 * (structured clone keeps no string identity): a pod's namespace, node name,
 * phase, image and label keys are repeated in every pod. Kept as they are,
 * they are most of the main thread's heap and garbage-collection time; shared
 * through one interner, the duplicates die young.
 */
import { createInterner, type Interner } from '../parsers/structured/values.js';

const MAX_DEPTH = 32;

/** A bounded interner for the whole load (one per loadBundle). */
export function recordInterner(): Interner {
  return createInterner(200_000, 256);
}

/** Replaces, in place, every string of these plain-data records by its interned copy. */
export function internRecords(records: unknown[], intern: Interner): void {
  for (const r of records) internObject(r, intern, 0);
}

function internObject(v: unknown, intern: Interner, depth: number): void {
  if (typeof v !== 'object' || v === null || depth > MAX_DEPTH) return;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      if (typeof x === 'string') v[i] = intern(x);
      else if (typeof x === 'object') internObject(x, intern, depth + 1);
    }
    return;
  }
  const o = v as Record<string, unknown>;
  for (const k in o) {
    const x = o[k];
    if (typeof x === 'string') o[k] = intern(x);
    else if (typeof x === 'object') internObject(x, intern, depth + 1);
  }
}
