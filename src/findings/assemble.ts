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
  const primaryByContainer = new PrimaryFindings(a.findings);
  const findings = sortFindings(a.findings);
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
  return compareKeyed(a, subjectKeyOf(a), b, subjectKeyOf(b));
}

const subjectKeyOf = (f: Finding) => subjectKey(f.subject.namespace, f.subject.name, f.subject.container);

function compareKeyed(a: Finding, ka: string, b: Finding, kb: string): number {
  if (a.primary !== b.primary) return a.primary ? -1 : 1;
  const s = SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity);
  if (s !== 0) return s;
  if (ka !== kb) return ka < kb ? -1 : 1;
  return b.specificity - a.specificity || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0);
}

/** Sorted as compareFindings orders them, each subject key built once rather than at every comparison. */
function sortFindings(fs: Finding[]): Finding[] {
  const keyed = fs.map((f) => ({ f, k: subjectKeyOf(f) }));
  keyed.sort((x, y) => compareKeyed(x.f, x.k, y.f, y.k));
  return keyed.map((x) => x.f);
}

/** Primary findings by namespace, pod and container: a pod without any is passed over with two lookups and no key string. */
class PrimaryFindings {
  private readonly byPod = new Map<string, Map<string, Map<string, Finding>>>();

  constructor(findings: Finding[]) {
    for (const f of findings) {
      if (!f.primary) continue;
      const ns = f.subject.namespace ?? '';
      let pods = this.byPod.get(ns);
      if (!pods) this.byPod.set(ns, (pods = new Map()));
      let containers = pods.get(f.subject.name);
      if (!containers) pods.set(f.subject.name, (containers = new Map()));
      containers.set(f.subject.container ?? '', f);
    }
  }

  of(p: Pod): Map<string, Finding> | undefined {
    return this.byPod.get(p.namespace)?.get(p.name);
  }
}

/** Built field by field (no spread temporaries): 100k pods make this a hot loop. Key order is the JSON order. */
function podSummary(p: Pod, primaryFindings: PrimaryFindings): PodSummary {
  const primary = primaryFindings.of(p);
  const containers: ContainerSummary[] = p.containers.map((c) => {
    const out: ContainerSummary = { name: c.name, init: c.init, image: c.image.raw };
    const status = containerStatus(c);
    if (status) out.status = status;
    const f = primary?.get(c.name);
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
