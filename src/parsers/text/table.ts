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
 * Readings of a row's cells, best first. By the header's start offsets when
 * the row is aligned (kubectl aligns the rows of one tabwriter block); when a
 * boundary falls inside a word (a multi-line cell restarted the block, or the
 * text was edited) by the two-space gaps instead. With `restFrom`, that
 * column takes the rest of the line (MESSAGE). `emptyAt` is a column that may
 * be blank (SUBOBJECT of a node event): a blank cell merges two gaps, so a
 * gap reading one cell short is also offered with that cell empty. The caller
 * keeps the first reading that validates.
 */
export function rowReadings(line: string, cols: Column[], restFrom = cols.length - 1, emptyAt?: number): string[][] {
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
  if (aligned && cells[0]) return [cells];
  const readings: string[][] = [];
  const needed = n - (restFrom < cols.length - 1 ? 0 : 1);
  const gaps = splitGaps(line, n).map((g) => g.text.trim());
  if (gaps.length >= needed) readings.push(gaps);
  if (emptyAt !== undefined && emptyAt < n - 1) {
    const short = splitGaps(line, n - 1).map((g) => g.text.trim());
    if (short.length === n - 1) {
      short.splice(emptyAt, 0, '');
      readings.push(short);
    }
  }
  return readings;
}

/** The first reading of a row (see rowReadings), for tables without blank cells. */
export function rowCells(line: string, cols: Column[], restFrom = cols.length - 1): string[] | undefined {
  return rowReadings(line, cols, restFrom)[0];
}
