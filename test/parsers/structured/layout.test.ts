import { describe, expect, it } from 'vitest';
import { classifyPath } from '../../../src/parsers/layout.js';

describe('classifyPath', () => {
  it.each([
    // troubleshoot, any root folder
    ['support-bundle-2024-05-02T08_29_07/cluster-resources/pods/shop.json', { decision: 'read', kind: 'pods', namespace: 'shop', layoutHint: 'troubleshoot' }],
    ['cluster-resources/pods/kube-system.json', { decision: 'read', kind: 'pods', namespace: 'kube-system' }],
    ['a/b/supportbundle/cluster-resources/events/default.json', { decision: 'read', kind: 'events', namespace: 'default' }],
    ['supportbundle/cluster-resources/serviceaccounts/kube-public.json', { decision: 'read', kind: 'serviceaccounts', namespace: 'kube-public' }],
    ['supportbundle/cluster-resources/nodes.json', { decision: 'read', kind: 'nodes', layoutHint: 'troubleshoot' }],
    ['kurl-support-bundle/cluster-resources/image-pull-secrets/default/registry-creds.json', { decision: 'read', kind: 'troubleshoot-pull-secret', namespace: 'default' }],
    ['supportbundle/secrets/default/example-secret.json', { decision: 'read', kind: 'secrets', namespace: 'default', layoutHint: 'troubleshoot' }],
    ['supportbundle/secrets/default/regcred/.dockerconfigjson.json', { decision: 'read', kind: 'secrets', namespace: 'default' }],
    ['sb/host-collectors/run-host/df.txt', { decision: 'read', kind: 'df' }],
    ['sb/host-collectors/run-host/resolv-conf.txt', { decision: 'read', kind: 'resolv-conf' }],
    ['sb/host-collectors/run-host/journalctl-kubelet.txt', { decision: 'read', kind: 'journal' }],
    ['sb/host-collectors/ip-10-0-1-23/run-host/journalctl-containerd.txt', { decision: 'read', kind: 'journal', node: 'ip-10-0-1-23' }],
    ['sb/host-collectors/dns/cluster-dns/resolv.conf', { decision: 'read', kind: 'resolv-conf' }],
    ['supportbundle/dns/debug.json', { decision: 'read', kind: 'dns-debug' }],
    ['supportbundle/version.yaml', { decision: 'read', kind: 'bundle-meta' }],
    ['supportbundle/cluster-info/cluster_version.json', { decision: 'read', kind: 'bundle-meta' }],
    // cluster-info dump
    ['dump/nodes.json', { decision: 'read', kind: 'nodes', layoutHint: 'cluster-info-dump' }],
    ['dump/shop/pods.json', { decision: 'read', kind: 'pods', namespace: 'shop', layoutHint: 'cluster-info-dump' }],
    ['dump/kube-system/events.json', { decision: 'read', kind: 'events', namespace: 'kube-system' }],
    // must-gather
    ['mg/quay-io-x/namespaces/shop/core/pods.yaml', { decision: 'read', kind: 'pods', namespace: 'shop', layoutHint: 'must-gather' }],
    ['mg/quay-io-x/namespaces/shop/core/secrets.yaml', { decision: 'read', kind: 'secrets', namespace: 'shop' }],
    ['mg/quay-io-x/namespaces/shop/core/serviceaccounts.yaml', { decision: 'read', kind: 'serviceaccounts', namespace: 'shop' }],
    ['mg/quay-io-x/cluster-scoped-resources/core/nodes/worker-1.yaml', { decision: 'read', kind: 'nodes', layoutHint: 'must-gather' }],
    ['mg/quay-io-x/host_service_logs/masters/kubelet_service.log', { decision: 'read', kind: 'journal' }],
    ['mg/quay-io-x/timestamp', { decision: 'read', kind: 'bundle-meta', layoutHint: 'must-gather' }],
    // podmortem's own layout
    ['podmortem-bundle/pods.json', { decision: 'read', kind: 'pods', layoutHint: 'podmortem' }],
    ['case-4711/podmortem-bundle/describe-pods.txt', { decision: 'read', kind: 'describe-pod', layoutHint: 'podmortem' }],
    ['podmortem-bundle/secrets.json', { decision: 'read', kind: 'secrets' }],
    ['podmortem-bundle/nodes/worker-1/df-i.txt', { decision: 'read', kind: 'df', node: 'worker-1' }],
    ['podmortem-bundle/nodes/worker-1/journal-kubelet.txt', { decision: 'read', kind: 'journal', node: 'worker-1' }],
    ['podmortem-bundle/nodes/worker-1/resolv.conf', { decision: 'read', kind: 'resolv-conf', node: 'worker-1' }],
  ])('%s is read', (path, expected) => {
    expect(classifyPath(path)).toMatchObject(expected);
  });

  it.each([
    'supportbundle/cluster-resources/pods/logs/kube-system/coredns-56f6fc8fd7-p4x9z/coredns.log',
    'supportbundle/cluster-resources/pods/logs/shop/api/api-previous.log',
    'supportbundle/cluster-resources/deployments/kube-system.json',
    'supportbundle/cluster-resources/configmaps/default.json',
    'supportbundle/cluster-resources/custom-resource-definitions.json',
    'supportbundle/cluster-resources/custom-resources/addons.k3s.cattle.io/kube-system.yaml',
    'supportbundle/cluster-resources/pods-errors.json',
    'supportbundle/cluster-resources/auth-cani-list/default.json',
    'supportbundle/collector-errors/etcd-error.json',
    'supportbundle/analysis.json',
    'support-bundle/all-logs/coredns/coredns.log',
    'supportbundle/static-hi.log',
    'supportbundle/collectd/rrd/primary-node/archive.tar',
    'sb/host-collectors/system/hostos_info.json',
    'sb/host-collectors/run-host/crictl-info.txt',
    'dump/shop/api-5f7c9d8b4-hx2lm/logs.txt',
    'dump/shop/deployments.json',
    'dump/kube-system/replication-controllers.json',
    'mg/x/namespaces/shop/pods/checkout/checkout/checkout/logs/current.log',
    'mg/x/namespaces/shop/apps/deployments.yaml',
    'mg/x/cluster-scoped-resources/config.openshift.io/clusterversions/version.yaml',
    'screenshot.png',
    'lib/libfoo.so',
    'inner.tar.gz',
    '',
  ])('%s is skipped', (path) => {
    expect(classifyPath(path).decision).toBe('skip');
  });

  it.each(['describe.txt', 'case-4711/kubectl-describe-pod-api.txt', 'customer/config.json', 'notes/tags.json', 'podmortem-bundle/extra/notes.txt'])('%s is sniffed', (path) => {
    expect(classifyPath(path)).toEqual({ decision: 'sniff' });
  });

  it('the own layout and single-node host files carry no namespace or node', () => {
    expect(classifyPath('podmortem-bundle/pods.json').namespace).toBeUndefined();
    expect(classifyPath('sb/host-collectors/run-host/df.txt').node).toBeUndefined();
  });

  it('is cheap: 1M paths well under a second', () => {
    const paths = ['supportbundle/cluster-resources/pods/logs/ns/pod-x/c.log', 'supportbundle/cluster-resources/events/ns-1.json', 'dump/ns/pods.json', 'x/y/z.txt'];
    const t0 = performance.now();
    let reads = 0;
    for (let i = 0; i < 1_000_000; i++) if (classifyPath(paths[i & 3]).decision === 'read') reads++;
    const ms = performance.now() - t0;
    expect(reads).toBe(500_000);
    expect(ms).toBeLessThan(2000);
  });
});
