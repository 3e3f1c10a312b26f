import { fit } from './text.js';

export interface Column {
  title: string;
  /** fixed width, or a share of the space left by fixed columns */
  width?: number;
  flex?: number;
  /** shown only when the terminal has at least this many columns */
  minTotal?: number;
  /** shown only when the terminal has at most this many columns */
  maxTotal?: number;
}

/** Widths per column for a terminal `total` columns wide; 0 for hidden columns. One space separates columns. */
export function layoutColumns(columns: readonly Column[], total: number): number[] {
  const shown = columns.map((c) => (c.minTotal === undefined || total >= c.minTotal) && (c.maxTotal === undefined || total <= c.maxTotal));
  const visible = shown.filter(Boolean).length;
  let free = total - Math.max(0, visible - 1);
  let flexSum = 0;
  columns.forEach((c, i) => {
    if (!shown[i]) return;
    if (c.width !== undefined) free -= c.width;
    else flexSum += c.flex ?? 1;
  });
  free = Math.max(0, free);
  const widths = columns.map((c, i) => (!shown[i] ? 0 : c.width ?? Math.floor((free * (c.flex ?? 1)) / Math.max(1, flexSum))));
  // give rounding leftovers to the last flexible column
  const used = widths.reduce((a, b) => a + b, 0) + Math.max(0, visible - 1);
  for (let i = columns.length - 1; i >= 0; i--) {
    if (shown[i] && columns[i].width === undefined) {
      widths[i] += Math.max(0, total - used);
      break;
    }
  }
  return widths;
}

/** One table line: each cell cut/padded to its column, hidden columns skipped. */
export function formatCells(cells: readonly string[], widths: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < widths.length; i++) {
    if (widths[i] > 0) parts.push(fit(cells[i] ?? '', widths[i]));
  }
  return parts.join(' ').trimEnd();
}
