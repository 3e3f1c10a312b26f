/**
 * Plain-text output of `podmortem inventory`: what the bundle holds, as
 * recognized, for a terminal. Every bundle string is cleaned and kept on one
 * line (a file name with a newline must not forge output lines).
 */
import type { Inventory } from '../findings/result.js';
import { formatSource } from '../common/source.js';
import { cleanText, truncate } from './sanitize.js';

export interface InventoryTextOptions {
  /** ANSI bold/yellow for headings and problems (only when writing to a TTY) */
  color: boolean;
}

/** Control characters are already gone; make line breaks and tabs visible instead of acting. */
function oneLine(text: string, max = 1024): string {
  const s = truncate(cleanText(text), max);
  let out = '';
  for (const ch of s) {
    if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\u2028' || ch === '\u2029') out += ' ';
    else out += ch;
  }
  return out;
}

function pad(s: string, width: number): string {
  return s.length >= width ? s : s + ' '.repeat(width - s.length);
}

const NODE_FILES_NOTE = 'resolv.conf, df, journals';

/** The inventory as aligned plain text, ending in a newline. */
export function renderInventoryText(inventory: Inventory, opts: InventoryTextOptions): string {
  const bold = (s: string) => (opts.color ? `\u001b[1m${s}\u001b[22m` : s);
  const warn = (s: string) => (opts.color ? `\u001b[33m${s}\u001b[39m` : s);
  const lines: string[] = [];
  lines.push(`${bold('Layout:')} ${oneLine(inventory.layout, 64)}`);
  lines.push('');

  lines.push(bold(`Recognized files (${inventory.artifacts.length}):`));
  if (inventory.artifacts.length === 0) lines.push('  none');
  const kinds = inventory.artifacts.map((a) => oneLine(a.kind, 64));
  const width = Math.min(28, kinds.reduce((w, k) => Math.max(w, k.length), 0));
  inventory.artifacts.forEach((a, i) => {
    const counts = Object.entries(a.counts)
      .filter(([, v]) => typeof v === 'number' && v > 0)
      .map(([k, v]) => `${oneLine(k, 32)}=${v}`)
      .join(' ');
    lines.push(`  ${pad(kinds[i], width)}  ${oneLine(a.file)}${counts ? `  ${counts}` : ''}`);
  });
  lines.push('');

  const c = inventory.counts;
  lines.push(bold('Totals:'));
  const totals: [string, number][] = [
    ['pods', c.pods],
    ['containers', c.containers],
    ['events', c.events],
    ['nodes', c.nodes],
    ['service accounts', c.serviceAccounts],
    ['pull secrets', c.pullSecrets],
    [`node files (${NODE_FILES_NOTE})`, c.nodeFiles],
    ['unrecognized files', inventory.unrecognized.length],
  ];
  const tw = totals.reduce((w, [k]) => Math.max(w, k.length), 0);
  for (const [k, v] of totals) lines.push(`  ${pad(k, tw)}  ${v}`);
  lines.push('');

  if (inventory.unrecognized.length) {
    lines.push(bold(`Unrecognized files (${inventory.unrecognized.length}):`));
    for (const f of inventory.unrecognized) lines.push(`  ${oneLine(f)}`);
    lines.push('');
  }

  lines.push(bold(`Problems (${inventory.warnings.length}):`));
  if (inventory.warnings.length === 0) lines.push('  none');
  for (const w of inventory.warnings) {
    const where = w.file ? `${oneLine(formatSource({ file: w.file, line: w.line }))}: ` : '';
    lines.push(`  ${warn(`${where}${oneLine(w.message, 2000)}`)}`);
  }
  return lines.join('\n') + '\n';
}
