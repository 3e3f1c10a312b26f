import type { Row } from './rows.js';

/** Indices of rows whose text contains `filter` (case-insensitive); all rows when empty. */
export function filterRows(rows: readonly Row[], filter: string): number[] {
  const needle = filter.trim().toLowerCase();
  const out: number[] = [];
  for (let i = 0; i < rows.length; i++) {
    if (!needle || rows[i].search.includes(needle)) out.push(i);
  }
  return out;
}

/**
 * Remembers the last filtering per list so repeated key presses (cursor moves)
 * do not rescan 100k rows; a new filter text or row set recomputes.
 */
export class FilterCache {
  private readonly cache = new Map<readonly Row[], { filter: string; indices: number[] }>();

  get(rows: readonly Row[], filter: string): number[] {
    const hit = this.cache.get(rows);
    if (hit && hit.filter === filter) return hit.indices;
    const indices = filterRows(rows, filter);
    this.cache.set(rows, { filter, indices });
    return indices;
  }
}

export function clamp(n: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, n));
}

/** Cursor after moving by `delta` over `count` items (stays at 0 for an empty list). */
export function moveCursor(cursor: number, delta: number, count: number): number {
  return count <= 0 ? 0 : clamp(cursor + delta, 0, count - 1);
}

/** First visible index: the previous offset, moved just enough to keep the cursor in a window of `height`. */
export function windowOffset(offset: number, cursor: number, height: number, count: number): number {
  const h = Math.max(1, height);
  let o = offset;
  if (cursor < o) o = cursor;
  if (cursor >= o + h) o = cursor - h + 1;
  return clamp(o, 0, Math.max(0, count - h));
}
