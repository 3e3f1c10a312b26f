import { splitGaps } from './lines.js';

/** A column of a `kubectl get` table: its header name and start offset. */
export interface Column {
  name: string;
  start: number;
}

/** Header cells are separated by the tabwriter gap (3 spaces); multi-word names (`LAST SEEN`) have one. */
export function headerColumns(line: string): Column[] {
  return splitGaps(line).map((c) => ({ name: c.text, start: c.start }));
}

/**
 * Cells of a row by the header's start offsets (kubectl aligns every row of
 * one table). When a boundary falls inside a word the row is not aligned
 * (edited or re-wrapped text): fall back to the two-space gaps, and give up
 * (undefined) when their count does not match either. With `restFrom`, the
 * cell of that column takes the rest of the line (MESSAGE).
 */
export function rowCells(line: string, cols: Column[], restFrom = cols.length - 1): string[] | undefined {
  const n = Math.min(cols.length, restFrom + 1);
  const cells: string[] = [];
  let aligned = true;
  for (let k = 0; k < n; k++) {
    const start = cols[k].start;
    if (k > 0 && start < line.length && start > 0 && line.charCodeAt(start - 1) !== 32) {
      aligned = false;
      break;
    }
    const end = k + 1 < n ? cols[k + 1].start : line.length;
    cells.push(line.slice(start, end).trim());
  }
  if (aligned && cells[0]) return cells;
  const gaps = splitGaps(line, n);
  if (gaps.length < n - (restFrom < cols.length - 1 ? 0 : 1)) return undefined;
  return gaps.map((g) => g.text.trim());
}
