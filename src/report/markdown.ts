/**
 * The Markdown incident report: what a support engineer pastes as is into a
 * ticket. GitHub-flavoured, passes markdownlint with .markdownlint.json.
 *
 * Layout per bundle: header, summary (one row per failing container), findings
 * (primary first, supporting ones under their primary), not checked, appendix
 * (inventory, nodes). Several bundles: one `##` section each.
 *
 * Every string from the bundle (and rule output built from it) is cleaned
 * (terminal controls stripped, secrets masked) and escaped for its context;
 * the document is assembled from blocks joined by one blank line, which gives
 * the blank lines markdownlint wants around headings, lists, tables and fences.
 */
import type { Finding, NotChecked, Severity, Subject } from '../findings/types.js';
import { SEVERITIES } from '../findings/types.js';
import type { AnalysisResult, ContainerSummary, Inventory } from '../findings/result.js';
import { compareFindings } from '../findings/assemble.js';
import { codeBlock, codeSpan, escapeMarkdownInline, escapeTableCell, toOneLine } from './markdown-escape.js';
import { cleanText, truncate } from './sanitize.js';

export interface MarkdownOptions {
  /** evidence quotes shown per finding (default 10; the JSON has them all) */
  maxEvidencePerFinding?: number;
  /** characters of one quoted excerpt or command (default 2000) */
  maxExcerptChars?: number;
  /** rows of a table or items of a list before "and N more" (default 500) */
  maxListItems?: number;
}

interface Limits {
  evidence: number;
  excerpt: number;
  items: number;
}

const MAX_MESSAGE_CHARS = 4000;

/** Render one or several analysis results as one Markdown document ending in a newline. */
export function renderMarkdown(results: AnalysisResult[], opts: MarkdownOptions = {}): string {
  const limits: Limits = {
    evidence: Math.max(1, opts.maxEvidencePerFinding ?? 10),
    excerpt: Math.max(80, opts.maxExcerptChars ?? 2000),
    items: Math.max(1, opts.maxListItems ?? 500),
  };
  const blocks: string[] = [];
  if (results.length === 0) {
    blocks.push('# podmortem report', 'No bundle was analyzed.');
  } else if (results.length === 1) {
    blocks.push(`# podmortem report: ${headingText(results[0].bundle.name)}`);
    renderBundle(blocks, results[0], 2, limits);
  } else {
    blocks.push(`# podmortem report: ${results.length} bundles`);
    results.forEach((r, i) => {
      blocks.push(`## Bundle ${i + 1}: ${headingText(r.bundle.name)}`);
      renderBundle(blocks, r, 3, limits);
    });
  }
  return blocks.join('\n\n') + '\n';
}

function renderBundle(blocks: string[], r: AnalysisResult, level: number, limits: Limits): void {
  const h = (offset: number, text: string) => `${'#'.repeat(Math.min(6, level + offset))} ${text}`;
  blocks.push(header(r));

  const { groups, numbers } = groupFindings(r.findings);
  blocks.push(h(0, 'Summary'));
  summary(blocks, r, numbers, limits);

  blocks.push(h(0, 'Findings'));
  if (groups.length === 0) blocks.push('No rule found a problem in this bundle.');
  groups.forEach((g, i) => {
    const n = `${i + 1}`;
    const head = g.findings[0];
    const label = g.hasPrimary ? '' : 'No primary cause: ';
    blocks.push(h(1, `${n}. ${label}${subjectHeading(head.subject)}: ${headingText(head.title)}`));
    findingBody(blocks, head, limits);
    g.findings.slice(1).forEach((f, j) => {
      blocks.push(h(2, `${n}.${j + 1} Supporting: ${headingText(f.title)}`));
      findingBody(blocks, f, limits);
    });
  });

  blocks.push(h(0, 'Not checked'));
  notChecked(blocks, r.notChecked, limits);

  blocks.push(h(0, 'Appendix: inventory'));
  inventory(blocks, r.inventory, r.warnings, limits);
  if (r.nodes.length > 0) {
    blocks.push(h(1, 'Nodes'));
    nodesTable(blocks, r, limits);
  }
}

// ---------------------------------------------------------------- text helpers

/** Cleaned, one line, bounded, escaped for prose. */
function inline(text: string, max = MAX_MESSAGE_CHARS): string {
  return escapeMarkdownInline(truncate(cleanText(text), max));
}

function code(text: string, max = 512): string {
  return codeSpan(truncate(cleanText(text), max));
}

function cell(text: string | undefined, max = 512): string {
  if (text === undefined || text === '') return '-';
  return escapeTableCell(truncate(cleanText(text), max));
}

function codeCell(text: string | undefined, max = 512): string {
  if (text === undefined || text === '') return '-';
  return codeSpan(truncate(cleanText(text), max), { table: true });
}

/** Heading text: one line, no trailing punctuation (markdownlint MD026), escaped. */
function headingText(text: string): string {
  let s = toOneLine(truncate(cleanText(text), 200));
  let end = s.length;
  while (end > 0 && '.,;:!'.includes(s[end - 1])) end--;
  s = s.slice(0, end).trimEnd();
  return s === '' ? '(untitled)' : escapeMarkdownInline(s);
}

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

function bullets(items: string[]): string {
  return items.map((i) => `- ${i}`).join('\n');
}

function more(shown: number, total: number, what: string): string | undefined {
  return total > shown ? `… and ${total - shown} more ${what} (see the JSON output).` : undefined;
}

function subjectLabel(s: Subject): string {
  switch (s.kind) {
    case 'container':
      return `${s.namespace ? `${s.namespace}/` : ''}${s.name}, container ${s.container ?? '?'}`;
    case 'pod':
      return `${s.namespace ? `${s.namespace}/` : ''}${s.name}`;
    case 'node':
      return `node ${s.name}`;
    default:
      return `bundle ${s.name}`;
  }
}

function subjectHeading(s: Subject): string {
  return escapeMarkdownInline(toOneLine(truncate(cleanText(subjectLabel(s)), 300)));
}

// ---------------------------------------------------------------- header and summary

function header(r: AnalysisResult): string {
  const b = r.bundle;
  const items = [
    `**Bundle:** ${code(b.name)} from ${code(b.path, 1024)}`,
    `**SHA-256:** ${code(b.sha256, 128)}`,
    `**Kind:** ${inline(b.kind, 64)}; **layout:** ${inline(b.layout, 64)}`,
    `**Captured:** ${b.collectedAt ? inline(b.collectedAt, 64) : 'unknown (the bundle records no capture time)'}`,
  ];
  if (b.clusterVersion) items.push(`**Cluster version:** ${inline(b.clusterVersion, 64)}`);
  items.push(`**podmortem:** ${inline(r.tool.version, 64)}; **rules:** ${inline(r.tool.rulesVersion, 64)}`);
  return bullets(items);
}

interface Group {
  hasPrimary: boolean;
  findings: Finding[];
}

const subjectKey = (s: Subject) => `${s.kind}\u0000${s.namespace ?? ''}\u0000${s.name}\u0000${s.container ?? ''}`;
const podKey = (s: Subject) => `${s.namespace ?? ''}\u0000${s.name}`;

/**
 * Primary findings first (one group each), supporting findings under the
 * primary of the same subject, else of the same pod, else in a group of their own.
 */
function groupFindings(findings: Finding[]): { groups: Group[]; numbers: Map<Finding, string> } {
  const sorted = [...findings].sort(compareFindings);
  const groups: Group[] = [];
  const bySubject = new Map<string, Group>();
  const byPod = new Map<string, Group>();
  for (const f of sorted) {
    if (!f.primary) continue;
    const g: Group = { hasPrimary: true, findings: [f] };
    groups.push(g);
    if (!bySubject.has(subjectKey(f.subject))) bySubject.set(subjectKey(f.subject), g);
    if ((f.subject.kind === 'container' || f.subject.kind === 'pod') && !byPod.has(podKey(f.subject))) byPod.set(podKey(f.subject), g);
  }
  for (const f of sorted) {
    if (f.primary) continue;
    let g = bySubject.get(subjectKey(f.subject));
    if (!g && f.subject.kind === 'pod') g = byPod.get(podKey(f.subject));
    if (!g) {
      g = { hasPrimary: false, findings: [] };
      groups.push(g);
      bySubject.set(subjectKey(f.subject), g);
    }
    g.findings.push(f);
  }
  const numbers = new Map<Finding, string>();
  groups.forEach((g, i) => g.findings.forEach((f, j) => numbers.set(f, j === 0 ? `${i + 1}` : `${i + 1}.${j}`)));
  return { groups, numbers };
}

const HEALTHY = new Set(['Running', 'Completed', 'Succeeded']);

function severityCounts(findings: Finding[]): string {
  const counts = new Map<Severity, number>(SEVERITIES.map((s) => [s, 0]));
  for (const f of findings) counts.set(f.severity, (counts.get(f.severity) ?? 0) + 1);
  return SEVERITIES.map((s) => `${counts.get(s)} ${s}`).join(', ');
}

function summary(blocks: string[], r: AnalysisResult, numbers: Map<Finding, string>, limits: Limits): void {
  const primary = r.findings.filter((f) => f.primary).length;
  const supporting = r.findings.length - primary;
  blocks.push(
    `**Findings:** ${r.findings.length} (${primary} primary, ${supporting} supporting). **By severity:** ${severityCounts(r.findings)}. **Not checked:** ${r.notChecked.length}.`,
  );

  const containers = new Map<string, ContainerSummary>();
  for (const p of r.pods) for (const c of p.containers) containers.set(`${p.namespace}\u0000${p.name}\u0000${c.name}`, c);
  const rows: string[][] = [];
  const covered = new Set<string>();
  const ordered = [...r.findings].sort(compareFindings).filter((f) => f.primary);
  for (const f of ordered) {
    const s = f.subject;
    const key = `${s.namespace ?? ''}\u0000${s.name}\u0000${s.container ?? ''}`;
    covered.add(key);
    const status = f.status ?? containers.get(key)?.status;
    const who = s.kind === 'container' || s.kind === 'pod' ? `${s.namespace ? `${s.namespace}/` : ''}${s.name}` : subjectLabel(s);
    rows.push([cell(who), cell(s.container), codeCell(status), cell(f.title), f.severity, numbers.get(f) ?? '-']);
  }
  for (const p of r.pods) {
    for (const c of p.containers) {
      const key = `${p.namespace}\u0000${p.name}\u0000${c.name}`;
      if (covered.has(key) || !c.status || HEALTHY.has(c.status)) continue;
      // a container waiting for its pod's init containers is explained by their finding
      if (c.status === 'PodInitializing' && p.containers.some((o) => o.init && covered.has(`${p.namespace}\u0000${p.name}\u0000${o.name}`))) continue;
      rows.push([cell(`${p.namespace}/${p.name}`), cell(c.name), codeCell(c.status), 'No rule matched: see Not checked and the evidence in the bundle', '-', '-']);
    }
  }
  if (rows.length === 0) {
    blocks.push('No failing pod or container was found.');
    return;
  }
  const shown = rows.slice(0, limits.items);
  blocks.push(table(['Pod', 'Container', 'Status', 'Root cause', 'Severity', 'Finding'], shown));
  const m = more(shown.length, rows.length, 'rows');
  if (m) blocks.push(m);
}

// ---------------------------------------------------------------- findings

const COMMANDS = new Set([
  'kubectl', 'oc', 'crictl', 'ctr', 'nerdctl', 'docker', 'podman', 'skopeo', 'crane', 'regctl', 'cosign', 'helm',
  'nslookup', 'dig', 'host', 'getent', 'curl', 'wget', 'openssl', 'ping', 'nc', 'df', 'du', 'journalctl',
  'systemctl', 'ssh', 'sudo', 'grep', 'cat', 'ls', 'echo', 'aws', 'gcloud', 'az', 'podmortem',
]);

/** Verify steps (and remediation without kinds) are plain strings: a known CLI first word makes it a command. */
export function looksLikeCommand(step: string): boolean {
  const s = step.trimStart();
  if (s.startsWith('$ ')) return true;
  let end = 0;
  while (end < s.length && end < 32 && s[end] !== ' ' && s[end] !== '\t' && s[end] !== '\n') end++;
  return COMMANDS.has(s.slice(0, end));
}

/** Consecutive text steps as one bullet list, consecutive commands as one ```sh block, in order. */
function steps(blocks: string[], list: { kind: 'text' | 'command'; text: string }[], limits: Limits): void {
  let texts: string[] = [];
  let cmds: string[] = [];
  const flush = () => {
    if (texts.length) blocks.push(bullets(texts.map((t) => inline(t))));
    if (cmds.length) blocks.push(codeBlock(cmds.join('\n'), 'sh'));
    texts = [];
    cmds = [];
  };
  for (const s of list.slice(0, limits.items)) {
    if (s.kind === 'command') {
      if (texts.length) flush();
      cmds.push(truncate(cleanText(s.text), limits.excerpt));
    } else {
      if (cmds.length) flush();
      texts.push(s.text);
    }
  }
  flush();
}

/** A reference URL becomes an autolink only when it is plainly http(s) with no characters that could escape `<...>`. */
function reference(url: string): string {
  const u = cleanText(url).trim();
  const safe = /^https?:\/\/[A-Za-z0-9\-._~:/?#@!$&'()*+,;=%]{1,2000}$/.test(u) && !u.includes('[') && !u.includes(']');
  return safe ? `<${u}>` : code(u, 2048);
}

function findingBody(blocks: string[], raw: Finding, limits: Limits): void {
  // a result read back from JSON may lack arrays: render what is there
  const f: Finding = {
    ...raw,
    message: raw.message ?? '',
    evidence: raw.evidence ?? [],
    remediation: raw.remediation ?? [],
    remediationSteps: raw.remediationSteps ?? [],
    verify: raw.verify ?? [],
    references: raw.references ?? [],
  };
  const meta = [
    `**Severity:** ${f.severity}${f.primary ? ' (primary cause)' : ' (supporting)'}`,
    `**Category:** ${code(f.category)}; **rule:** ${code(f.rule)}`,
  ];
  if (f.status) meta.push(`**Status:** ${code(f.status)}`);
  if (f.image) meta.push(`**Image:** ${code(f.image, 1024)}`);
  blocks.push(bullets(meta));
  if (f.message.trim()) blocks.push(inline(f.message));

  blocks.push('**Evidence:**');
  if (f.evidence.length === 0) blocks.push('No source line was recorded for this finding.');
  const ev = f.evidence.slice(0, limits.evidence);
  for (const e of ev) {
    blocks.push(`${code(e.file, 1024)}${e.line ? `, line ${e.line}` : ''}:`);
    blocks.push(codeBlock(truncate(cleanText(e.excerpt), limits.excerpt), 'text'));
  }
  const m = more(ev.length, f.evidence.length, 'evidence quotes');
  if (m) blocks.push(m);

  const fix = f.remediationSteps.length
    ? f.remediationSteps
    : f.remediation.map((t) => ({ kind: looksLikeCommand(t) ? ('command' as const) : ('text' as const), text: t }));
  if (fix.length) {
    blocks.push('**Fix:**');
    steps(blocks, fix, limits);
  }
  if (f.verify.length) {
    blocks.push('**Verify:**');
    steps(blocks, f.verify.map((t) => ({ kind: looksLikeCommand(t) ? ('command' as const) : ('text' as const), text: t })), limits);
  }
  if (f.references.length) {
    blocks.push('**References:**');
    blocks.push(bullets(f.references.slice(0, limits.items).map(reference)));
  }
}

// ---------------------------------------------------------------- not checked

function notChecked(blocks: string[], items: NotChecked[], limits: Limits): void {
  if (items.length === 0) {
    blocks.push('Every rule had the data it needs.');
    return;
  }
  blocks.push('These checks could not run because the bundle lacks the data. Capture it, add it to the bundle and run podmortem again.');
  // one entry per check, however many subjects it applies to
  const merged = new Map<string, { item: NotChecked; subjects: Subject[] }>();
  for (const it of items) {
    const k = `${it.rule}\u0000${it.reason}\u0000${it.capture}`;
    const m = merged.get(k);
    if (m) {
      if (it.subject) m.subjects.push(it.subject);
    } else {
      merged.set(k, { item: it, subjects: it.subject ? [it.subject] : [] });
    }
  }
  const entries = [...merged.values()];
  for (const { item, subjects } of entries.slice(0, limits.items)) {
    const reason = inline(item.reason);
    let text = `**${inline(item.title || item.rule, 300)}** (rule ${code(item.rule)}): ${reason}${/[.!?]$/.test(reason) ? '' : '.'}`;
    if (subjects.length) {
      const shown = subjects.slice(0, 5).map((s) => inline(subjectLabel(s), 300));
      text += ` Applies to ${shown.join('; ')}${subjects.length > 5 ? ` and ${subjects.length - 5} more` : ''}.`;
    }
    blocks.push(`${text} Capture with:`);
    blocks.push(codeBlock(truncate(cleanText(item.capture), limits.excerpt), 'sh'));
  }
  const m = more(Math.min(entries.length, limits.items), entries.length, 'checks');
  if (m) blocks.push(m);
}

// ---------------------------------------------------------------- appendix

function countsText(counts: Record<string, number>): string {
  const parts = Object.entries(counts)
    .filter(([, v]) => typeof v === 'number' && v > 0)
    .map(([k, v]) => `${k} ${v}`);
  return parts.length ? parts.join(', ') : 'none';
}

function inventory(blocks: string[], inv: Inventory, extra: AnalysisResult['warnings'], limits: Limits): void {
  const c = inv.counts;
  blocks.push(
    `**Layout:** ${code(inv.layout)}. **Totals:** ${c.pods} pods, ${c.containers} containers, ${c.events} events, ${c.nodes} nodes, ${c.serviceAccounts} service accounts, ${c.pullSecrets} pull secrets, ${c.nodeFiles} node files.`,
  );
  if (inv.artifacts.length === 0) {
    blocks.push('No file of the bundle was recognized.');
  } else {
    const rows = inv.artifacts.slice(0, limits.items).map((a) => [codeCell(a.file, 1024), cell(a.kind), cell(countsText(a.counts))]);
    blocks.push(`**Recognized files (${inv.artifacts.length}):**`);
    blocks.push(table(['File', 'Kind', 'Records'], rows));
    const m = more(rows.length, inv.artifacts.length, 'files');
    if (m) blocks.push(m);
  }
  if (inv.unrecognized.length) {
    blocks.push(`**Unrecognized files (${inv.unrecognized.length}):**`);
    blocks.push(bullets(inv.unrecognized.slice(0, limits.items).map((f) => code(f, 1024))));
    const m = more(Math.min(inv.unrecognized.length, limits.items), inv.unrecognized.length, 'files');
    if (m) blocks.push(m);
  }
  // result.warnings and inventory.warnings are usually the same list: show each once
  const seen = new Set<string>();
  const warnings = [...inv.warnings, ...extra].filter((w) => {
    const k = `${w.file ?? ''}\u0000${w.line ?? ''}\u0000${w.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  if (warnings.length) {
    blocks.push(`**Warnings (${warnings.length}):**`);
    blocks.push(
      bullets(
        warnings.slice(0, limits.items).map((w) => (w.file ? `${code(w.line ? `${w.file}:${w.line}` : w.file, 1024)}: ${inline(w.message, 1000)}` : inline(w.message, 1000))),
      ),
    );
    const m = more(Math.min(warnings.length, limits.items), warnings.length, 'warnings');
    if (m) blocks.push(m);
  } else {
    blocks.push('No warnings.');
  }
}

function nodesTable(blocks: string[], r: AnalysisResult, limits: Limits): void {
  const rows = r.nodes.slice(0, limits.items).map((n) => {
    // a pressure condition that is True, or Ready that is not, is what a reader looks for
    const bad = n.conditions.filter((c) => (c.type === 'Ready' ? c.status !== 'True' : c.status === 'True'));
    const fullest = [...n.disk].filter((d) => d.usePercent !== undefined).sort((a, b) => (b.usePercent ?? 0) - (a.usePercent ?? 0))[0];
    return [
      codeCell(n.name),
      cell([n.operatingSystem, n.architecture].filter(Boolean).join('/')),
      cell(n.runtime),
      cell(n.kubeletVersion),
      cell(bad.length ? bad.map((c) => `${c.type}=${c.status}${c.reason ? ` (${c.reason})` : ''}`).join(', ') : 'none'),
      cell(fullest ? `${fullest.mount} ${fullest.usePercent}% used` : undefined),
    ];
  });
  blocks.push(table(['Node', 'Platform', 'Runtime', 'Kubelet', 'Conditions needing attention', 'Fullest disk'], rows));
  const m = more(rows.length, r.nodes.length, 'nodes');
  if (m) blocks.push(m);
}
