import type { Warning } from '../../common/source.js';
import { stripTerminalControls } from '../../common/terminal.js';

/** Longest line (and event message) we keep; bundle text is untrusted and can hold one giant line. */
export const MAX_LINE_CHARS = 64 * 1024;

/**
 * Bundle text to lines ready for column parsing: terminal controls, CR and NUL
 * removed (stripTerminalControls drops every C0 but newline and tab, so line
 * numbers are kept), tabs expanded (see expandTabs), over-long lines cut with one warning per file.
 */
export function toLines(text: string, file: string, warnings: Warning[]): string[] {
  const lines = stripTerminalControls(text).split('\n');
  let cut = 0;
  let firstCut = 0;
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i];
    if (line.length > MAX_LINE_CHARS) {
      line = line.slice(0, MAX_LINE_CHARS);
      if (cut++ === 0) firstCut = i + 1;
    }
    if (line.indexOf('\t') >= 0) line = expandTabs(line);
    lines[i] = line.trimEnd();
  }
  if (cut > 0) {
    warnings.push({ file, line: firstCut, message: `${cut} line(s) longer than ${MAX_LINE_CHARS} characters were cut` });
  }
  return lines;
}

/** Tabs to 8-column stops, but never a single space: a tab is a column gap, and a gap is two spaces. */
export function expandTabs(line: string): string {
  let out = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '\t') {
      const n = 8 - (out.length % 8);
      out += n === 1 ? '  ' : ' '.repeat(n);
    } else out += c;
  }
  return out;
}

export function indentOf(line: string): number {
  let i = 0;
  while (i < line.length && line.charCodeAt(i) === 32) i++;
  return i;
}

export interface Cell {
  text: string;
  start: number;
}

/**
 * Split on runs of two or more spaces (the tabwriter gap), at most `max`
 * cells: the last one is the rest of the line, inner double spaces kept.
 */
export function splitGaps(line: string, max = Infinity): Cell[] {
  const cells: Cell[] = [];
  let i = indentOf(line);
  const n = line.length;
  while (i < n) {
    if (cells.length === max - 1) {
      cells.push({ text: line.slice(i).trimEnd(), start: i });
      return cells;
    }
    const start = i;
    while (i < n && !(line.charCodeAt(i) === 32 && (i + 1 >= n || line.charCodeAt(i + 1) === 32))) i++;
    cells.push({ text: line.slice(start, i), start });
    while (i < n && line.charCodeAt(i) === 32) i++;
  }
  return cells;
}

/** Split on single spaces (df, journal prefixes), keeping each token's offset. */
export function splitWords(line: string, max = Infinity): Cell[] {
  const words: Cell[] = [];
  let i = 0;
  const n = line.length;
  while (i < n && words.length < max) {
    while (i < n && line.charCodeAt(i) === 32) i++;
    if (i >= n) break;
    const start = i;
    while (i < n && line.charCodeAt(i) !== 32) i++;
    words.push({ text: line.slice(start, i), start });
  }
  return words;
}

export interface KeyValue {
  indent: number;
  key: string;
  value: string;
}

/**
 * A describe line `  Key Name:   value`. The key is up to the first colon
 * that ends the line or is followed by a space (so `Image:  nginx:1.27`
 * keeps its tag); null when the line has no such colon.
 */
export function keyValue(line: string): KeyValue | null {
  const indent = indentOf(line);
  for (let i = indent; i < line.length; i++) {
    if (line.charCodeAt(i) !== 58) continue;
    if (i + 1 < line.length && line.charCodeAt(i + 1) !== 32) continue;
    if (i === indent) return null;
    return { indent, key: line.slice(indent, i), value: line.slice(i + 1).trim() };
  }
  return null;
}

/** Bound an exception message before it becomes a warning (it may quote bundle text). */
export function describeError(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  return msg.length > 200 ? msg.slice(0, 200) + '…' : msg;
}

/** Cut an over-long value (event message) with a warning. */
export function capText(text: string, file: string, line: number | undefined, warnings: Warning[]): string {
  if (text.length <= MAX_LINE_CHARS) return text;
  warnings.push({ file, line, message: `message longer than ${MAX_LINE_CHARS} characters was cut` });
  return text.slice(0, MAX_LINE_CHARS);
}

/**
 * First `max` lines of a sniff head. A long head that does not end in a
 * newline was probably cut mid-line by the reader: its last line is dropped.
 */
export function headLines(head: string, max = 200): string[] {
  const text = stripTerminalControls(head);
  const lines = text.split('\n', max + 1);
  if (lines.length > max) lines.length = max;
  else if (lines.length > 1 && head.length >= 1024 && !head.endsWith('\n')) lines.pop();
  return lines.map((l) => (l.indexOf('\t') >= 0 ? expandTabs(l) : l).trimEnd());
}
