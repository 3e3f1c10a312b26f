import { stripTerminalControls } from '../common/terminal.js';

/** Text kept for the evidence view; beyond this the file is cut and the view says so. */
export const EVIDENCE_TEXT_CAP = 20 * 1024 * 1024;

/**
 * A bundle file prepared for windowed display: the text (capped) and the
 * start offset of every line, found once by an indexOf scan. Lines are cut
 * and cleaned only when drawn.
 */
export interface EvidenceDoc {
  file: string;
  text: string;
  lineStarts: Uint32Array;
  lineCount: number;
  truncated: boolean;
  originalLength: number;
}

export function makeEvidenceDoc(file: string, raw: string, cap = EVIDENCE_TEXT_CAP): EvidenceDoc {
  const truncated = raw.length > cap;
  const text = truncated ? raw.slice(0, cap) : raw;
  let starts = new Uint32Array(1024);
  let n = 0;
  let pos = 0;
  for (;;) {
    if (n === starts.length) {
      const grown = new Uint32Array(starts.length * 2);
      grown.set(starts);
      starts = grown;
    }
    starts[n++] = pos;
    const nl = text.indexOf('\n', pos);
    if (nl < 0) break;
    pos = nl + 1;
  }
  // a trailing newline does not start another line
  if (n > 1 && starts[n - 1] === text.length) n--;
  return { file, text, lineStarts: starts.subarray(0, n), lineCount: n, truncated, originalLength: raw.length };
}

/** Line `index` (0-based) made safe to draw: no controls, tabs expanded, at most `width` characters. */
export function docLine(doc: EvidenceDoc, index: number, width: number): string {
  if (index < 0 || index >= doc.lineCount) return '';
  const start = doc.lineStarts[index];
  let end = index + 1 < doc.lineCount ? doc.lineStarts[index + 1] - 1 : doc.text.length;
  // the last line of a file that ends with a newline: a drawn '\n' would add a screen row
  if (end > start && doc.text.charCodeAt(end - 1) === 0x0a) end--;
  // take a bounded slice first: a single 20 MB line must not be cleaned whole
  const slice = doc.text.slice(start, Math.min(end, start + Math.max(width * 4, 256)));
  const clean = stripTerminalControls(slice).replaceAll('\t', '    ');
  return clean.length > width ? clean.slice(0, Math.max(0, width - 1)) + '…' : clean;
}
