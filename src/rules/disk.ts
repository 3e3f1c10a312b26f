/**
 * Which df row holds a node's image store (reference runtime-messages.md §4.3).
 */
import type { DfRecord, DfRow, Node } from '../model/types.js';

const STORE_BY_RUNTIME: Record<string, string> = {
  containerd: '/var/lib/containerd',
  'cri-o': '/var/lib/containers/storage',
  crio: '/var/lib/containers/storage',
  docker: '/var/lib/docker',
};

/** Distribution-specific containerd roots, recognised from the kubelet/runtime version strings. */
function distroStore(node: Node): string | undefined {
  const hay = `${node.kubeletVersion ?? ''} ${node.containerRuntimeVersion ?? ''} ${node.osImage ?? ''}`.toLowerCase();
  if (hay.includes('k3s')) return '/var/lib/rancher/k3s/agent/containerd';
  if (hay.includes('rke2')) return '/var/lib/rancher/rke2/agent/containerd';
  if (hay.includes('microk8s')) return '/var/snap/microk8s/common/var/lib/containerd';
  return undefined;
}

const ALL_STORES = [
  '/var/lib/containerd',
  '/var/lib/rancher/k3s/agent/containerd',
  '/var/lib/rancher/rke2/agent/containerd',
  '/var/snap/microk8s/common/var/lib/containerd',
  '/var/lib/containers/storage',
  '/var/lib/docker',
];

export function imageStorePath(node: Node): string | undefined {
  return distroStore(node) ?? (node.runtime ? STORE_BY_RUNTIME[node.runtime.toLowerCase()] : undefined);
}

function holds(mount: string, path: string): boolean {
  if (mount === '/') return true;
  const m = mount.endsWith('/') ? mount.slice(0, -1) : mount;
  return path === m || path.startsWith(m + '/');
}

/**
 * The row whose mount is the longest prefix of the store path; without a known
 * runtime, the longest prefix of any known store path; else /var, else /.
 */
export function imageStoreRow(df: DfRecord | undefined, storePath: string | undefined): DfRow | undefined {
  if (!df || df.rows.length === 0) return undefined;
  const paths = storePath ? [storePath] : ALL_STORES;
  let best: DfRow | undefined;
  for (const row of df.rows) {
    if (row.mountedOn === '/') continue;
    if (!paths.some((p) => holds(row.mountedOn, p))) continue;
    if (!best || row.mountedOn.length > best.mountedOn.length) best = row;
  }
  return best ?? df.rows.find((r) => r.mountedOn === '/var') ?? df.rows.find((r) => r.mountedOn === '/');
}
