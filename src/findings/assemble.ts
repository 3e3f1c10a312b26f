/**
 * Puts one bundle's analysis together: the findings and not-checked items
 * from the rules engine, plus the pod/node summaries and the inventory the
 * reports and the TUI show. Pure: no I/O.
 */
import type { Warning } from '../common/source.js';
import type { BundleReadSummary } from '../bundle/types.js';
import { containerStatus, podStatus } from '../model/status.js';
import type { Model, Node, Pod } from '../model/types.js';
import type { AnalysisResult, ContainerSummary, Inventory, NodeSummary, PodSummary } from './result.js';
import { SEVERITIES, type Finding, type NotChecked } from './types.js';

export interface AssembleInput {
  input: string;
  name: string;
  model: Model;
  summary: BundleReadSummary;
  findings: Finding[];
  notChecked: NotChecked[];
  version: string;
  rulesVersion: string;
  namespaces?: string[];
}

export function assembleResult(a: AssembleInput): AnalysisResult {
  const inScope = (ns?: string) => !a.namespaces?.length || (ns !== undefined && a.namespaces.includes(ns));
  const primaryByContainer = new Map<string, Finding>();
  for (const f of a.findings) {
    if (f.primary) primaryByContainer.set(subjectKey(f.subject.namespace, f.subject.name, f.subject.container), f);
  }
  const findings = [...a.findings].sort(compareFindings);
  return {
    schemaVersion: 1,
    tool: { name: 'podmortem', version: a.version, rulesVersion: a.rulesVersion },
    bundle: {
      path: a.input,
      name: a.name,
      sha256: a.summary.sha256,
      kind: a.summary.kind,
      layout: a.model.layout,
      ...(a.model.collectedAt ? { collectedAt: a.model.collectedAt } : {}),
      ...(a.model.clusterVersion ? { clusterVersion: a.model.clusterVersion } : {}),
    },
    findings,
    notChecked: a.notChecked,
    warnings: a.model.warnings,
    pods: a.model.pods.filter((p) => inScope(p.namespace)).map((p) => podSummary(p, primaryByContainer)),
    nodes: [...a.model.nodes.values()].map(nodeSummary),
    inventory: inventoryOf(a.model, a.model.warnings),
  };
}

function subjectKey(ns: string | undefined, name: string, container?: string): string {
  return `${ns ?? ''}/${name}/${container ?? ''}`;
}

/** Primary first, then by severity, then namespace/pod/container for a stable order. */
export function compareFindings(a: Finding, b: Finding): number {
  if (a.primary !== b.primary) return a.primary ? -1 : 1;
  const s = SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity);
  if (s !== 0) return s;
  const ka = subjectKey(a.subject.namespace, a.subject.name, a.subject.container);
  const kb = subjectKey(b.subject.namespace, b.subject.name, b.subject.container);
  if (ka !== kb) return ka < kb ? -1 : 1;
  return b.specificity - a.specificity || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0);
}

/** Built field by field (no spread temporaries): 100k pods make this a hot loop. Key order is the JSON order. */
function podSummary(p: Pod, primary: Map<string, Finding>): PodSummary {
  const containers: ContainerSummary[] = p.containers.map((c) => {
    const out: ContainerSummary = { name: c.name, init: c.init, image: c.image.raw };
    const status = containerStatus(c);
    if (status) out.status = status;
    const f = primary.size ? primary.get(subjectKey(p.namespace, p.name, c.name)) : undefined;
    if (f) {
      out.primaryCategory = f.category;
      out.primaryTitle = f.title;
    }
    return out;
  });
  const out = { namespace: p.namespace, name: p.name } as PodSummary;
  if (p.nodeName) out.node = p.nodeName;
  if (p.phase) out.phase = p.phase;
  const status = podStatus(p);
  if (status) out.status = status;
  out.containers = containers;
  return out;
}

function nodeSummary(n: Node): NodeSummary {
  const rows = n.files.df?.rows ?? [];
  return {
    name: n.name,
    ...(n.architecture ? { architecture: n.architecture } : {}),
    ...(n.operatingSystem ? { operatingSystem: n.operatingSystem } : {}),
    ...(n.containerRuntimeVersion ? { runtime: n.containerRuntimeVersion } : {}),
    ...(n.kubeletVersion ? { kubeletVersion: n.kubeletVersion } : {}),
    conditions: n.conditions.map((c) => ({ type: c.type, status: c.status, ...(c.reason ? { reason: c.reason } : {}) })),
    disk: rows.filter((r) => !/^(tmpfs|devtmpfs|overlay|shm|udev|none)$/.test(r.filesystem)).map((r) => ({ mount: r.mountedOn, ...(r.usePercent !== undefined ? { usePercent: r.usePercent } : {}), ...(r.available !== undefined ? { available: r.available } : {}) })),
  };
}

export function inventoryOf(model: Model, warnings: Warning[]): Inventory {
  let nodeFiles = 0;
  const countFiles = (f: Node['files']) => (f.resolvConf ? 1 : 0) + (f.df ? 1 : 0) + (f.dfInodes ? 1 : 0) + f.journals.length;
  for (const n of model.nodes.values()) nodeFiles += countFiles(n.files);
  nodeFiles += countFiles(model.unattributedNodeFiles);
  return {
    layout: model.layout,
    artifacts: model.artifacts.map((a) => ({ file: a.file, kind: a.kind, counts: a.counts as Record<string, number> })),
    counts: {
      pods: model.pods.length,
      containers: model.pods.reduce((n, p) => n + p.containers.length, 0),
      events: model.eventCount,
      nodes: model.nodes.size,
      serviceAccounts: model.serviceAccounts.size,
      pullSecrets: model.pullSecrets.size + model.looseDockerConfigs.length,
      nodeFiles,
    },
    unrecognized: model.unrecognized,
    warnings,
  };
}
