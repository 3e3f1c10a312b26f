/**
 * The detail view of one finding as a flat list of screen lines, so it can be
 * windowed like any list. Evidence and command lines are selectable: enter on
 * evidence opens the file, `y` copies a command.
 */
import type { Evidence, Finding, NotChecked } from '../findings/types.js';
import { subjectText } from './rows.js';
import { block, cell, wrap } from './text.js';
import { SEVERITY_COLOR, SEVERITY_LABEL } from './theme.js';

export type DetailAction = { type: 'evidence'; evidence: Evidence } | { type: 'copy'; text: string };

export interface DetailLine {
  text: string;
  color?: string;
  bold?: boolean;
  dim?: boolean;
  action?: DetailAction;
}

const EXCERPT_LINES = 3;

/** Not-checked items about this finding's pod (or node), plus every bundle-level one. */
export function relevantNotChecked(f: Finding, all: readonly NotChecked[]): NotChecked[] {
  return all.filter((n) => {
    const s = n.subject;
    if (!s || s.kind === 'bundle') return true;
    if (s.kind === 'node') return f.subject.kind === 'node' && s.name === f.subject.name;
    return s.namespace === f.subject.namespace && s.name === f.subject.name && f.subject.kind !== 'node';
  });
}

export function buildDetailLines(f: Finding, notChecked: readonly NotChecked[], width: number): DetailLine[] {
  const w = Math.max(20, width);
  const lines: DetailLine[] = [];
  const heading = (text: string) => lines.push({ text: '' }, { text, bold: true, color: 'cyan' });
  const para = (text: string, indent = '', extra: Partial<DetailLine> = {}) => {
    for (const l of wrap(block(text), w - indent.length)) lines.push({ text: indent + l, ...extra });
  };

  lines.push({ text: `${SEVERITY_LABEL[f.severity] ?? '?'}  ${cell(f.title)}`, color: SEVERITY_COLOR[f.severity], bold: true });
  const subject = [`${f.subject.kind} ${subjectText(f.subject)}`];
  if (f.status) subject.push(`status ${cell(f.status)}`);
  lines.push({ text: subject.join('   ') });
  if (f.image) lines.push({ text: `image ${cell(f.image)}` });
  lines.push({
    text: `rule ${cell(f.rule)}   category ${cell(f.category)}   ${f.primary ? 'primary root cause' : 'secondary finding'}`,
    dim: true,
  });

  heading('Message');
  para(f.message, '  ');

  heading(`Evidence (${f.evidence.length})`);
  if (!f.evidence.length) lines.push({ text: '  none recorded', dim: true });
  for (const ev of f.evidence) {
    const where = ev.line ? `${cell(ev.file)}:${ev.line}` : cell(ev.file);
    lines.push({ text: `  ${where}`, color: 'cyan', action: { type: 'evidence', evidence: ev } });
    const excerpt = block(ev.excerpt, 4000).split('\n').slice(0, EXCERPT_LINES);
    for (const x of excerpt) lines.push({ text: `      ${x.trim()}`, dim: true });
  }

  const steps = f.remediationSteps?.length
    ? f.remediationSteps
    : (f.remediation ?? []).map((text) => ({ kind: 'command' as const, text }));
  if (steps.length) {
    heading('Remediation');
    for (const s of steps) {
      if (s.kind === 'command') lines.push(commandLine(s.text));
      else para(s.text, '  ');
    }
  }

  if (f.verify?.length) {
    heading('Verify');
    for (const v of f.verify) lines.push(commandLine(v));
  }

  const captures = Object.entries(f.captures ?? {});
  if (captures.length) {
    heading('Captured');
    for (const [k, v] of captures) lines.push({ text: `  ${cell(k)} = ${cell(v)}`, dim: true });
  }

  if (f.references?.length) {
    heading('References');
    for (const r of f.references) lines.push({ text: `  ${cell(r)}`, dim: true });
  }

  const nc = relevantNotChecked(f, notChecked);
  if (nc.length) {
    heading(`Not checked (${nc.length})`);
    for (const n of nc) {
      lines.push({ text: `  ${cell(n.title)} — ${cell(n.reason)}`, color: 'gray' });
      if (n.capture) lines.push(commandLine(n.capture));
    }
  }
  return lines;
}

function commandLine(command: string): DetailLine {
  const text = cell(command);
  return { text: `  $ ${text}`, action: { type: 'copy', text: block(command, 8000).trim() } };
}

/** Indices of the selectable lines, in order. */
export function selectableLines(lines: readonly DetailLine[]): number[] {
  const out: number[] = [];
  lines.forEach((l, i) => {
    if (l.action) out.push(i);
  });
  return out;
}
