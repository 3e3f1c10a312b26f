import { stripTerminalControls } from '../common/terminal.js';
import { REDACTION_KINDS, totalCount, type KindCounts } from './markers.js';
import type { RedactReport } from './redact-bundle.js';

/** `PASSWORD 2, AUTH 1` */
export function formatCounts(counts: KindCounts): string {
  const parts: string[] = [];
  for (const k of REDACTION_KINDS) if (counts[k]) parts.push(`${k} ${counts[k]}`);
  return parts.join(', ');
}

/**
 * The stderr summary: one row per file with something redacted, dropped
 * files, reader warnings, the total. Bundle paths are untrusted text.
 */
export function formatRedactReport(report: RedactReport, outputShown: string): string {
  const rows = report.files.filter((f) => totalCount(f.counts) > 0);
  const lines: string[] = [];
  const total = totalCount(report.totals);
  lines.push(`podmortem redact: wrote ${safe(outputShown)} (${report.files.length} files, ${total} values redacted)`);
  if (rows.length > 0) {
    const width = Math.min(72, Math.max(4, ...rows.map((r) => safe(r.path).length)));
    lines.push(`  ${'FILE'.padEnd(width)}  REDACTED`);
    for (const r of rows) lines.push(`  ${safe(r.path).padEnd(width)}  ${formatCounts(r.counts)}`);
  }
  for (const d of report.dropped) lines.push(`  dropped ${safe(d.path)}: ${d.reason}`);
  for (const w of report.warnings) lines.push(`  warning: ${safe(w.message)}`);
  if (report.read.incomplete) lines.push('  warning: the input ended early; the copy holds what could be read');
  lines.push(`  total: ${total > 0 ? formatCounts(report.totals) : 'nothing to redact'}`);
  return lines.join('\n') + '\n';
}

function safe(s: string): string {
  return stripTerminalControls(s).replace(/\n/g, ' ');
}
