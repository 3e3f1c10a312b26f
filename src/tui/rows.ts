/**
 * The four list views as plain rows (cells + colour + search text), built
 * once per result. Formatting to a width happens only for visible rows.
 */
import type { AnalysisResult, NodeSummary, PodSummary } from '../findings/result.js';
import type { Finding, NotChecked, Subject } from '../findings/types.js';
import type { Column } from './columns.js';
import { cell } from './text.js';
import { SEVERITY_COLOR, SEVERITY_LABEL, SEVERITY_RANK } from './theme.js';

export type ListView = 'findings' | 'pods' | 'nodes' | 'notchecked';
export const LIST_VIEWS: readonly ListView[] = ['findings', 'pods', 'nodes', 'notchecked'];
export const VIEW_TITLE: Record<ListView, string> = {
  findings: 'Findings',
  pods: 'Pods',
  nodes: 'Nodes',
  notchecked: 'Not checked',
};

export interface Row {
  cells: string[];
  /** lower-cased text of the whole row for `/` filtering */
  search: string;
  color?: string;
  bold?: boolean;
  /** for findings rows: index into the sorted findings; for pods/nodes: the filter that shows its findings */
  ref: number;
  drill?: string;
}

export interface ListData {
  columns: Column[];
  rows: Row[];
}

function makeRow(cells: string[], ref: number, extra: Partial<Row> = {}): Row {
  return { cells, search: cells.join(' ').toLowerCase(), ref, ...extra };
}

/** Primary root causes first, then by severity; otherwise the result's (stable) order. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return findings
    .map((f, i) => ({ f, i }))
    .sort(
      (a, b) =>
        Number(b.f.primary) - Number(a.f.primary) ||
        (SEVERITY_RANK[a.f.severity] ?? 3) - (SEVERITY_RANK[b.f.severity] ?? 3) ||
        a.i - b.i,
    )
    .map((x) => x.f);
}

export function subjectText(s: Subject | undefined): string {
  if (!s) return 'bundle';
  if (s.kind === 'bundle') return 'bundle';
  if (s.kind === 'node') return `node/${cell(s.name)}`;
  const base = s.namespace ? `${cell(s.namespace)}/${cell(s.name)}` : cell(s.name);
  return s.container ? `${base}/${cell(s.container)}` : base;
}

export const FINDING_COLUMNS: Column[] = [
  { title: 'SEV', width: 5 },
  { title: 'NAMESPACE/POD/CONTAINER', flex: 4 },
  { title: 'STATUS', width: 16, minTotal: 110 },
  { title: 'CATEGORY', width: 18, maxTotal: 99 },
  { title: 'CATEGORY', width: 26, minTotal: 100 },
  { title: 'TITLE', flex: 4 },
];

export function findingRows(sorted: readonly Finding[]): Row[] {
  return sorted.map((f, i) =>
    makeRow(
      [
        (SEVERITY_LABEL[f.severity] ?? '?') + (f.primary ? '*' : ''),
        subjectText(f.subject),
        cell(f.status),
        cell(f.category),
        cell(f.category),
        cell(f.title),
      ],
      i,
      { color: SEVERITY_COLOR[f.severity], bold: f.severity === 'critical' && f.primary },
    ),
  );
}

export const POD_COLUMNS: Column[] = [
  { title: 'NAMESPACE/NAME', flex: 4 },
  { title: 'STATUS', width: 17 },
  { title: 'NODE', flex: 2, minTotal: 120 },
  { title: 'PRIMARY CAUSE', flex: 4 },
];

function podCause(p: PodSummary): string {
  const parts: string[] = [];
  for (const c of p.containers) {
    if (c.primaryCategory) parts.push(`${cell(c.name)}: ${cell(c.primaryCategory)} — ${cell(c.primaryTitle)}`);
  }
  return parts.join('; ');
}

function podColor(p: PodSummary, cause: string): string | undefined {
  const s = p.status ?? '';
  if (cause || /Err|BackOff|Invalid|Fail/.test(s)) return 'red';
  if (s === 'Pending' || s.startsWith('Init') || s === 'ContainerCreating') return '#ff8700';
  if (s === 'Completed' || s === 'Succeeded') return 'gray';
  return undefined;
}

export function podRows(pods: readonly PodSummary[]): Row[] {
  return pods.map((p, i) => {
    const name = `${cell(p.namespace)}/${cell(p.name)}`;
    const cause = podCause(p);
    return makeRow([name, cell(p.status ?? p.phase), cell(p.node), cause || '—'], i, {
      color: podColor(p, cause),
      drill: name.toLowerCase(),
    });
  });
}

export const NODE_COLUMNS: Column[] = [
  { title: 'NAME', flex: 4 },
  { title: 'ARCH', width: 5 },
  { title: 'RUNTIME', width: 19, minTotal: 90 },
  { title: 'KUBELET', width: 8, minTotal: 130 },
  { title: 'CONDITIONS', flex: 2 },
  { title: 'DISK USE (fullest first)', flex: 4 },
];

/** Ready when healthy; otherwise only the conditions that are not in their normal state. */
export function conditionText(n: NodeSummary): { text: string; bad: boolean } {
  const bad: string[] = [];
  let ready: boolean | undefined;
  for (const c of n.conditions) {
    if (c.type === 'Ready') {
      ready = c.status === 'True';
      if (!ready) bad.push(`NotReady(${cell(c.reason) || c.status})`);
    } else if (c.status === 'True') bad.push(cell(c.type));
  }
  if (bad.length) return { text: bad.join(' '), bad: true };
  return { text: ready === undefined ? 'unknown' : 'Ready', bad: false };
}

export function formatBytes(n: number | undefined): string {
  if (n === undefined || !Number.isFinite(n)) return '';
  const units = ['B', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi'];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v >= 10 || u === 0 ? Math.round(v) : v.toFixed(1)}${units[u]}`;
}

export function diskText(n: NodeSummary): { text: string; full: boolean } {
  let full = false;
  const parts = [...n.disk].sort((a, b) => (b.usePercent ?? -1) - (a.usePercent ?? -1)).map((d) => {
    if ((d.usePercent ?? 0) >= 85) full = true;
    const pct = d.usePercent !== undefined ? `${d.usePercent}% ` : '';
    const avail = d.available !== undefined ? ` (${formatBytes(d.available)} free)` : '';
    return `${pct}${cell(d.mount)}${avail}`;
  });
  return { text: parts.join(', '), full };
}

export function nodeRows(nodes: readonly NodeSummary[]): Row[] {
  return nodes.map((n, i) => {
    const cond = conditionText(n);
    const disk = diskText(n);
    return makeRow([cell(n.name), cell(n.architecture), cell(n.runtime), cell(n.kubeletVersion), cond.text, disk.text], i, {
      color: cond.bad ? 'red' : disk.full ? '#ff8700' : undefined,
      drill: `node/${cell(n.name)}`.toLowerCase(),
    });
  });
}

export const NOT_CHECKED_COLUMNS: Column[] = [
  { title: 'SUBJECT', flex: 2 },
  { title: 'CHECK', flex: 3 },
  { title: 'MISSING FROM THE BUNDLE', flex: 3 },
  { title: 'CAPTURE WITH', flex: 3, minTotal: 110 },
];

export function notCheckedRows(items: readonly NotChecked[]): Row[] {
  return items.map((n, i) => makeRow([subjectText(n.subject), cell(n.title), cell(n.reason), cell(n.capture)], i, { color: 'gray' }));
}

export interface ViewData {
  sorted: Finding[];
  lists: Record<ListView, ListData>;
}

export function buildViewData(result: AnalysisResult): ViewData {
  const sorted = sortFindings(result.findings ?? []);
  return {
    sorted,
    lists: {
      findings: { columns: FINDING_COLUMNS, rows: findingRows(sorted) },
      pods: { columns: POD_COLUMNS, rows: podRows(result.pods ?? []) },
      nodes: { columns: NODE_COLUMNS, rows: nodeRows(result.nodes ?? []) },
      notchecked: { columns: NOT_CHECKED_COLUMNS, rows: notCheckedRows(result.notChecked ?? []) },
    },
  };
}
