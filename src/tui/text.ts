import { stripTerminalControls } from '../common/terminal.js';

/** Longest piece of one bundle string we ever format: rows are truncated to the terminal width anyway. */
const CELL_CAP = 4096;

/**
 * Bundle text made safe for one table cell: escape sequences and control
 * characters removed, tabs/newlines flattened to spaces, length bounded.
 */
export function cell(text: string | undefined, cap = CELL_CAP): string {
  if (!text) return '';
  const bounded = text.length > cap ? text.slice(0, cap) : text;
  return flatten(stripTerminalControls(bounded));
}

/** Bundle text made safe for a multi-line block: controls removed, tabs expanded, newlines kept. */
export function block(text: string | undefined, cap = 20_000): string {
  if (!text) return '';
  const bounded = text.length > cap ? text.slice(0, cap) + ' …' : text;
  return stripTerminalControls(bounded).replaceAll('\t', '  ');
}

function flatten(text: string): string {
  if (text.indexOf('\t') < 0 && text.indexOf('\n') < 0) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    out += c === '\t' || c === '\n' ? ' ' : c;
  }
  return out;
}

/** Cut or pad to exactly `width` characters (ellipsis when cut). */
export function fit(text: string, width: number): string {
  if (width <= 0) return '';
  if (text.length > width) return width === 1 ? '…' : text.slice(0, width - 1) + '…';
  return text + ' '.repeat(width - text.length);
}

/**
 * Word-wrap a block to `width` columns; words longer than a line are split.
 * Stops after `maxLines` so a huge message cannot flood the view.
 */
export function wrap(text: string, width: number, maxLines = 500): string[] {
  const w = Math.max(1, width);
  const out: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    for (const word of para.split(' ')) {
      let rest = word;
      while (rest.length > w) {
        if (line) {
          out.push(line);
          line = '';
        }
        out.push(rest.slice(0, w));
        rest = rest.slice(w);
        if (out.length >= maxLines) return out;
      }
      if (!line) line = rest;
      else if (line.length + 1 + rest.length <= w) line += ' ' + rest;
      else {
        out.push(line);
        line = rest;
      }
      if (out.length >= maxLines) return out;
    }
    out.push(line);
    if (out.length >= maxLines) return out;
  }
  return out;
}
