import type { DfRecord, DfRow } from '../records.js';
import type { ArtifactParser } from '../parser.js';
import { guarded } from './describe-common.js';
import { headLines, splitWords, toLines } from './lines.js';

function isDfHeader(line: string): boolean {
  return line.startsWith('Filesystem ') && line.includes(' Mounted');
}

interface Layout {
  variant: DfRecord['variant'];
  hasType: boolean;
  /** bytes per unit of a plain number; 0 when the table is human-readable (`-h`: 50G) or counts inodes */
  blockSize: number;
}

/** From the header: `Size` (-h), `1K-blocks` (-k), `1024-blocks` (-P), `512-blocks`, `Inodes` (-i), `Type` (-T). */
function layoutOf(header: string): Layout | undefined {
  const words = splitWords(header).map((w) => w.text);
  const hasType = words[1] === 'Type';
  const sizeCol = words[hasType ? 2 : 1];
  if (!sizeCol) return undefined;
  if (sizeCol === 'Inodes') return { variant: 'inodes', hasType, blockSize: 1 };
  if (sizeCol === 'Size') return { variant: 'bytes', hasType, blockSize: 0 };
  const dash = sizeCol.indexOf('-blocks');
  if (dash > 0) {
    const unit = parseSize(sizeCol.slice(0, dash), 1);
    return unit ? { variant: 'bytes', hasType, blockSize: unit } : undefined;
  }
  return undefined;
}

const SUFFIX = 'KMGTPEZY';

/**
 * `50G`, `1.5T`, `980M`, `0`, `1,5G` (comma locales) → value × 1024^k; a plain
 * number is multiplied by `unit`. `-` (unknown) and garbage → undefined.
 */
export function parseSize(text: string, unit: number): number | undefined {
  if (!text || text === '-') return undefined;
  let t = text.replace(',', '.');
  let mult = unit;
  const last = t[t.length - 1].toUpperCase();
  const k = SUFFIX.indexOf(last);
  if (k >= 0) {
    mult = 1024 ** (k + 1);
    t = t.slice(0, -1);
    if (t.endsWith('i')) t = t.slice(0, -1);
  } else if (last === 'B' && t.length > 1) {
    t = t.slice(0, -1);
    mult = 1;
  }
  if (!/^\d{1,20}(\.\d{1,6})?$/.test(t)) return undefined;
  return Math.round(Number(t) * mult);
}

function parsePercent(text: string): number | undefined {
  if (!text.endsWith('%')) return undefined;
  const n = Number(text.slice(0, -1));
  return Number.isFinite(n) && text.length > 1 ? n : undefined;
}

/**
 * `df` output: -h, -k/plain, -P, -T, -i, -hT, busybox. Filesystem names too
 * long for their column are printed alone with the values on the next line.
 * `Mounted on` is the rest of the line (it may hold spaces). Each header
 * starts a new table, so `df -h; df -i` in one file gives two records.
 */
export const dfParser: ArtifactParser = {
  kind: 'df',
  sniff(head) {
    for (const l of headLines(head, 10)) if (isDfHeader(l)) return true;
    return false;
  },
  parse(text, ctx) {
    return guarded('df', ctx, (records, warnings) => {
      const file = ctx.file;
      const lines = toLines(text, file, warnings);
      let table: { rec: DfRecord; layout: Layout } | undefined;
      let wrapped: { fs: string; line: number } | undefined;
      let bad = 0;
      let firstBad = 0;
      for (let i = 0; i < lines.length; i++) {
        const line = lines[i];
        if (line.trim().length === 0) continue;
        if (isDfHeader(line)) {
          const layout = layoutOf(line);
          if (!layout) {
            warnings.push({ file, line: i + 1, message: 'df header with unknown columns; table skipped' });
            table = undefined;
            continue;
          }
          const rec: DfRecord = { kind: 'df', variant: layout.variant, rows: [], source: { file, line: i + 1 } };
          if (ctx.node) rec.node = ctx.node;
          records.push(rec);
          table = { rec, layout };
          wrapped = undefined;
          continue;
        }
        if (!table) continue;
        const words = splitWords(line);
        // the classic wrap: a lone filesystem name, values on the next (indented) line
        if (words.length === 1 && line.charCodeAt(0) !== 32) {
          wrapped = { fs: words[0].text, line: i + 1 };
          continue;
        }
        const fs = wrapped && line.charCodeAt(0) === 32 ? wrapped.fs : undefined;
        wrapped = undefined;
        const row = parseRow(line, words, fs, table.layout, file, i + 1);
        if (row) table.rec.rows.push(row);
        else if (bad++ === 0) firstBad = i + 1;
      }
      if (records.length === 0) warnings.push({ file, message: 'no df header (Filesystem ... Mounted on) found' });
      if (bad > 0) warnings.push({ file, line: firstBad, message: `${bad} df line(s) could not be read and were skipped` });
    });
  },
};

function parseRow(line: string, words: { text: string; start: number }[], wrappedFs: string | undefined, layout: Layout, file: string, lineNo: number): DfRow | undefined {
  let k = 0;
  const filesystem = wrappedFs ?? words[k++]?.text;
  const type = layout.hasType ? words[k++]?.text : undefined;
  if (!filesystem || words.length < k + 5) return undefined;
  const unit = layout.blockSize;
  const num = (s: string) => (unit === 0 ? parseSize(s, 1) : parseSize(s, unit));
  const [sizeW, usedW, availW, pctW] = words.slice(k, k + 4);
  const usePercent = parsePercent(pctW.text);
  if (usePercent === undefined && pctW.text !== '-') return undefined;
  const size = num(sizeW.text);
  if (size === undefined && sizeW.text !== '-') return undefined;
  const row: DfRow = { filesystem, mountedOn: line.slice(words[k + 4].start), source: { file, line: lineNo } };
  if (type) row.type = type;
  if (size !== undefined) row.size = size;
  const used = num(usedW.text);
  if (used !== undefined) row.used = used;
  const available = num(availW.text);
  if (available !== undefined) row.available = available;
  if (usePercent !== undefined) row.usePercent = usePercent;
  return row;
}

