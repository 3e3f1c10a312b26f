/**
 * Which bundle entries to read, decided from the path alone (called for every
 * entry of archives with up to a million entries: one split, a few compares).
 *
 * Layouts recognized, at any depth below whatever root folder the archive has:
 *
 * - Replicated troubleshoot: `cluster-resources/{pods,events,serviceaccounts}/<ns>.json`,
 *   `cluster-resources/nodes.json`, `cluster-resources/image-pull-secrets/<ns>/<secret>.json`,
 *   `secrets/<ns>/<name>.json`, `host-collectors/[<node>/]run-host/{df,resolv-conf,
 *   journalctl-kubelet,journalctl-containerd}.txt`, `host-collectors/dns/<title>/resolv.conf`,
 *   `dns/debug.json`, `version.yaml`, `cluster-info/cluster_version.json`.
 * - `kubectl cluster-info dump --output-directory`: `nodes.json`, `<ns>/{pods,events}.json`.
 * - OpenShift must-gather: `namespaces/<ns>/core/{pods,events,secrets,serviceaccounts}.yaml`,
 *   `cluster-scoped-resources/core/nodes/<node>.yaml`, `host_service_logs/<role>/{kubelet,crio}_service.log`, `timestamp`.
 * - podmortem's own layout: the folder a customer fills with plain kubectl
 *   commands (docs/own-layout.md gives them):
 *
 *       podmortem-bundle/
 *         pods.json             kubectl get pods -A -o json
 *         events.json           kubectl get events -A -o json
 *         nodes.json            kubectl get nodes -o json
 *         serviceaccounts.json  kubectl get serviceaccounts -A -o json
 *         secrets.json          (optional) the dockerconfigjson pull secrets, -o json
 *         describe-pods.txt     kubectl describe pods -A
 *         describe-nodes.txt    kubectl describe nodes
 *         nodes/<node>/{resolv.conf,df.txt,df-i.txt,journal-kubelet.txt,journal-containerd.txt}
 *
 * Anything else that is not obviously binary or a log is 'sniff': loose files
 * are recognized by content.
 */
import type { ArtifactKind } from './records.js';

export type LayoutHint = 'troubleshoot' | 'cluster-info-dump' | 'must-gather' | 'podmortem';

export interface PathClass {
  decision: 'read' | 'sniff' | 'skip';
  kind?: ArtifactKind;
  node?: string;
  namespace?: string;
  layoutHint?: LayoutHint;
}

const SKIP: PathClass = { decision: 'skip' };
const SNIFF: PathClass = { decision: 'sniff' };

const BINARY_EXT = new Set([
  'png', 'jpg', 'jpeg', 'gif', 'ico', 'svg', 'pdf', 'gz', 'tgz', 'tar', 'zip', 'xz', 'bz2', 'zst', '7z',
  'so', 'a', 'o', 'bin', 'exe', 'dll', 'db', 'sqlite', 'rrd', 'pb', 'der', 'p12', 'pfx', 'jar', 'whl', 'pyc', 'wasm',
  'html', 'htm', 'css', 'js',
]);

const TROUBLESHOOT_NS_DIRS: Record<string, ArtifactKind> = {
  pods: 'pods',
  events: 'events',
  serviceaccounts: 'serviceaccounts',
};

const HOST_FILES: Record<string, ArtifactKind> = {
  'df.txt': 'df',
  'df-i.txt': 'df',
  'resolv-conf.txt': 'resolv-conf',
  'journalctl-kubelet.txt': 'journal',
  'journalctl-containerd.txt': 'journal',
  'journalctl-crio.txt': 'journal',
  'journalctl-docker.txt': 'journal',
};

const OWN_FILES: Record<string, ArtifactKind> = {
  'pods.json': 'pods',
  'events.json': 'events',
  'nodes.json': 'nodes',
  'serviceaccounts.json': 'serviceaccounts',
  'secrets.json': 'secrets',
  'describe-pods.txt': 'describe-pod',
  'describe-nodes.txt': 'describe-node',
};

const OWN_NODE_FILES: Record<string, ArtifactKind> = {
  'resolv.conf': 'resolv-conf',
  'df.txt': 'df',
  'df-i.txt': 'df',
  'journal-kubelet.txt': 'journal',
  'journal-containerd.txt': 'journal',
  'journal-crio.txt': 'journal',
};

const MUST_GATHER_CORE: Record<string, ArtifactKind> = {
  'pods.yaml': 'pods',
  'events.yaml': 'events',
  'secrets.yaml': 'secrets',
  'serviceaccounts.yaml': 'serviceaccounts',
};

const DUMP_FILES: Record<string, ArtifactKind> = {
  'pods.json': 'pods',
  'events.json': 'events',
  'pods.yaml': 'pods',
  'events.yaml': 'events',
};
const DUMP_SKIPPED = new Set(['replication-controllers', 'services', 'daemonsets', 'deployments', 'replicasets']);

export function classifyPath(path: string): PathClass {
  const segs = path.split('/').filter((s) => s !== '' && s !== '.');
  const n = segs.length;
  if (n === 0) return SKIP;
  const base = segs[n - 1];
  const dot = base.lastIndexOf('.');
  const ext = dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
  if (BINARY_EXT.has(ext)) return SKIP;

  for (let i = 0; i < n - 1; i++) {
    const s = segs[i];
    if (s === 'cluster-resources') return troubleshootResource(segs, i + 1);
    if (s === 'host-collectors') return troubleshootHost(segs, i + 1);
    if (s === 'podmortem-bundle') return ownLayout(segs, i + 1);
    if (s === 'namespaces' && n - i >= 3) return mustGatherNamespace(segs, i + 1);
    if (s === 'cluster-scoped-resources') return mustGatherCluster(segs, i + 1);
    if (s === 'host_service_logs') return mustGatherHostLog(segs, i + 1);
    if (s === 'all-logs') return SKIP;
  }
  if (ext === 'log') return SKIP;

  // troubleshoot files outside cluster-resources
  if (base === 'debug.json' && n >= 2 && segs[n - 2] === 'dns') return { decision: 'read', kind: 'dns-debug', layoutHint: 'troubleshoot' };
  if (base === 'cluster_version.json' && n >= 2 && segs[n - 2] === 'cluster-info') return { decision: 'read', kind: 'bundle-meta', layoutHint: 'troubleshoot' };
  if (base === 'version.yaml' && n <= 2) return { decision: 'read', kind: 'bundle-meta', layoutHint: 'troubleshoot' };
  if (base === 'timestamp' && n <= 3) return { decision: 'read', kind: 'bundle-meta', layoutHint: 'must-gather' };
  if (base === 'analysis.json' || base.endsWith('-errors.json') || base === 'errors.json') return SKIP;
  if (n >= 3 && segs[n - 3] === 'secrets' && ext === 'json') return { decision: 'read', kind: 'secrets', namespace: segs[n - 2], layoutHint: 'troubleshoot' };
  if (n >= 4 && segs[n - 4] === 'secrets' && ext === 'json') return { decision: 'read', kind: 'secrets', namespace: segs[n - 3], layoutHint: 'troubleshoot' };
  if (n >= 2 && (segs[n - 2].endsWith('-errors') || segs[n - 2] === 'execution-data' || segs[n - 2] === 'collector-errors')) return SKIP;

  // kubectl cluster-info dump
  if (base === 'nodes.json' || base === 'nodes.yaml') return { decision: 'read', kind: 'nodes', layoutHint: 'cluster-info-dump' };
  if (n >= 2) {
    const dumpKind = DUMP_FILES[base];
    if (dumpKind) return { decision: 'read', kind: dumpKind, namespace: segs[n - 2], layoutHint: 'cluster-info-dump' };
    if (DUMP_SKIPPED.has(dot > 0 ? base.slice(0, dot) : base)) return SKIP;
    if (n >= 3 && base === 'logs.txt') return SKIP;
  }
  return SNIFF;
}

/** segs[at..] below `cluster-resources/`. */
function troubleshootResource(segs: string[], at: number): PathClass {
  const rest = segs.length - at;
  const dir = segs[at];
  if (rest === 1) {
    if (dir === 'nodes.json') return { decision: 'read', kind: 'nodes', layoutHint: 'troubleshoot' };
    return SKIP;
  }
  if (rest === 2) {
    const file = segs[at + 1];
    const kind = TROUBLESHOOT_NS_DIRS[dir];
    if (kind && file.endsWith('.json') && !file.endsWith('-errors.json')) {
      return { decision: 'read', kind, namespace: file.slice(0, -5), layoutHint: 'troubleshoot' };
    }
    return SKIP;
  }
  if (rest === 3 && dir === 'image-pull-secrets' && segs[at + 2].endsWith('.json')) {
    return { decision: 'read', kind: 'troubleshoot-pull-secret', namespace: segs[at + 1], layoutHint: 'troubleshoot' };
  }
  return SKIP;
}

/** segs[at..] below `host-collectors/`. */
function troubleshootHost(segs: string[], at: number): PathClass {
  const rest = segs.length - at;
  const base = segs[segs.length - 1];
  if (rest === 3 && segs[at] === 'dns' && base === 'resolv.conf') return { decision: 'read', kind: 'resolv-conf', layoutHint: 'troubleshoot' };
  let node: string | undefined;
  let i = at;
  if (rest === 3 && segs[at + 1] === 'run-host') {
    node = segs[at];
    i = at + 1;
  }
  if (segs.length - i === 2 && segs[i] === 'run-host') {
    const kind = HOST_FILES[base];
    if (kind) return { decision: 'read', kind, node, layoutHint: 'troubleshoot' };
  }
  return SKIP;
}

/** segs[at..] below `podmortem-bundle/`. */
function ownLayout(segs: string[], at: number): PathClass {
  const rest = segs.length - at;
  const base = segs[segs.length - 1];
  if (rest === 1) {
    const kind = OWN_FILES[base];
    return kind ? { decision: 'read', kind, layoutHint: 'podmortem' } : SNIFF;
  }
  if (rest === 3 && segs[at] === 'nodes') {
    const kind = OWN_NODE_FILES[base];
    return kind ? { decision: 'read', kind, node: segs[at + 1], layoutHint: 'podmortem' } : SNIFF;
  }
  return SNIFF;
}

/** segs[at..] below `namespaces/`: `<ns>/core/<resource>.yaml` is read, the rest (pod dirs, logs, apps) is not. */
function mustGatherNamespace(segs: string[], at: number): PathClass {
  if (segs.length - at === 3 && segs[at + 1] === 'core') {
    const kind = MUST_GATHER_CORE[segs[at + 2]];
    if (kind) return { decision: 'read', kind, namespace: segs[at], layoutHint: 'must-gather' };
  }
  return SKIP;
}

function mustGatherCluster(segs: string[], at: number): PathClass {
  if (segs.length - at === 3 && segs[at] === 'core' && segs[at + 1] === 'nodes' && segs[at + 2].endsWith('.yaml')) {
    return { decision: 'read', kind: 'nodes', layoutHint: 'must-gather' };
  }
  return SKIP;
}

/** `host_service_logs/masters/kubelet_service.log`: the kubelet and CRI-O journals of the masters, in one file each. */
function mustGatherHostLog(segs: string[], at: number): PathClass {
  if (segs.length - at !== 2) return SKIP;
  const base = segs[at + 1];
  if (base === 'kubelet_service.log' || base === 'crio_service.log') return { decision: 'read', kind: 'journal', layoutHint: 'must-gather' };
  return SKIP;
}
