/**
 * Records that crossed from a worker arrive with a fresh copy of every string
 * (structured clone keeps no string identity): a pod's namespace, phase,
 * image, owner and label keys are repeated in every pod. Kept as they are,
 * they are most of the main thread's heap and garbage-collection time.
 *
 * Each record is compared, field by field, with the previous record of its
 * kind, and takes that record's string wherever the two are equal. Records
 * of one file follow each other and share most values, so this finds most
 * repeats without hashing a single string (a Map-based interner cost more
 * than the memory it saved).
 */

const MAX_DEPTH = 16;

export class PreviousRecords {
  private readonly last = new Map<string, object>();

  /** Shares, in place, the strings of these plain-data records with the previous record of the same kind. */
  share(records: readonly unknown[]): void {
    for (const r of records) {
      if (typeof r !== 'object' || r === null) continue;
      const kind = (r as { kind?: unknown }).kind;
      if (typeof kind !== 'string') continue;
      const prev = this.last.get(kind);
      if (prev) shareStrings(r as Record<string, unknown>, prev as Record<string, unknown>, 0);
      this.last.set(kind, r);
    }
  }
}

function shareStrings(o: Record<string, unknown> | unknown[], prev: Record<string, unknown> | unknown[], depth: number): void {
  if (depth > MAX_DEPTH) return;
  if (Array.isArray(o)) {
    if (!Array.isArray(prev)) return;
    const n = Math.min(o.length, prev.length);
    for (let i = 0; i < n; i++) o[i] = shared(o[i], prev[i], depth);
    return;
  }
  if (Array.isArray(prev)) return;
  for (const k in o) {
    const p = prev[k];
    if (p !== undefined) o[k] = shared(o[k], p, depth);
  }
}

function shared(v: unknown, p: unknown, depth: number): unknown {
  if (typeof v === 'string') return typeof p === 'string' && p === v ? p : v;
  if (typeof v === 'object' && v !== null && typeof p === 'object' && p !== null) shareStrings(v as Record<string, unknown>, p as Record<string, unknown>, depth + 1);
  return v;
}
