import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../src/parsers/dispatch.js';
import { classifyPath } from '../../../src/parsers/layout.js';
import type { EventRecord, ImagePlatformsRecord, NodeRecord, ParseContext, PodRecord, SecretRecord, TagsListRecord } from '../../../src/parsers/records.js';

const FIX = 'test/fixtures/structured';
const dispatcher = createDispatcher([]);

/** Read a fixture as if it were at `path` inside a bundle. */
function parseAt(fixture: string, path: string) {
  const pc = classifyPath(path);
  const ctx: ParseContext = { file: path, kind: pc.kind, namespace: pc.namespace, node: pc.node };
  const text = readFileSync(`${FIX}/${fixture}`, 'utf8');
  return { pc, text, src: text.split('\n'), result: dispatcher.parseFile(ctx, Buffer.from(text))! };
}

describe('must-gather YAML', () => {
  const root = 'must-gather.local.5180163419186330524/quay-io-openshift-release-dev-ocp-v4-0-art-dev-sha256-9a1b';

  it('PodList: the ImagePullBackOff container with spec and state lines', () => {
    const { pc, src, result } = parseAt('must-gather/namespaces/shop/core/pods.yaml', `${root}/namespaces/shop/core/pods.yaml`);
    expect(pc).toMatchObject({ kind: 'pods', namespace: 'shop', layoutHint: 'must-gather' });
    const pod = result.records[0] as PodRecord;
    expect(pod).toMatchObject({ origin: 'yaml', name: 'checkout-7d9f8b6c5d-q2xkz', namespace: 'shop', imagePullSecrets: ['regcred'], serviceAccountName: 'checkout', phase: 'Pending' });
    expect(src[pod.source.line! - 1]).toBe('- apiVersion: v1');
    const c = pod.containers[0];
    expect(c.state?.waiting).toEqual({ reason: 'ImagePullBackOff', message: 'Back-off pulling image "registry.acme.internal:5000/shop/checkout:1.8.2"' });
    expect(src[c.stateSource!.line! - 1]).toContain('message: Back-off pulling image');
    expect(src[c.source.line! - 1]).toContain('- image: registry.acme.internal:5000/shop/checkout:1.8.2');
  });

  it('secrets with elided values: names and types only', () => {
    const { result } = parseAt('must-gather/namespaces/shop/core/secrets.yaml', `${root}/namespaces/shop/core/secrets.yaml`);
    const [reg, token] = result.records as SecretRecord[];
    expect(reg).toMatchObject({ name: 'regcred', namespace: 'shop', type: 'kubernetes.io/dockerconfigjson', valuesElided: true });
    expect(reg.dockerConfig).toBeUndefined();
    expect(token).toMatchObject({ name: 'default-token-x8k2p', type: 'kubernetes.io/service-account-token' });
  });

  it('events, nodes and the timestamp file', () => {
    const ev = parseAt('must-gather/namespaces/shop/core/events.yaml', `${root}/namespaces/shop/core/events.yaml`);
    const e = ev.result.records[0] as EventRecord;
    expect(e).toMatchObject({ reason: 'Failed', count: 14, type: 'Warning', sourceComponent: 'kubelet', sourceHost: 'worker-2.ocp.acme.internal' });
    expect(e.message).toContain('unauthorized: authentication required');
    expect(ev.src[e.source.line! - 1]).toContain("message: 'Failed to pull image");

    const nodePath = `${root}/cluster-scoped-resources/core/nodes/worker-2.ocp.acme.internal.yaml`;
    const n = parseAt('must-gather/cluster-scoped-resources/core/nodes/worker-2.ocp.acme.internal.yaml', nodePath);
    expect(n.pc).toMatchObject({ kind: 'nodes', layoutHint: 'must-gather' });
    const node = n.result.records[0] as NodeRecord;
    expect(node).toMatchObject({ name: 'worker-2.ocp.acme.internal', architecture: 'amd64', containerRuntimeVersion: 'cri-o://1.29.5-3.rhaos4.16.git7032128.el9' });
    expect(node.taints).toEqual([{ key: 'node.kubernetes.io/disk-pressure', effect: 'NoSchedule' }]);
    const disk = node.conditions.find((c) => c.type === 'DiskPressure')!;
    expect(disk.status).toBe('True');
    expect(n.src[disk.source!.line! - 1]).toBe('  - lastHeartbeatTime: "2024-05-02T08:30:12Z"');
    expect(n.src.slice(disk.source!.line! - 1, disk.source!.line! + 5).join('\n')).toContain('type: DiskPressure');

    const ts = parseAt('must-gather/timestamp', `${root}/timestamp`);
    expect(ts.result.records[0]).toMatchObject({ kind: 'bundle-meta', collectedAt: '2024-05-02T08:29:07Z', collector: 'must-gather' });
  });
});

describe('kubectl cluster-info dump (items without kind)', () => {
  it('pods: kind inferred from the List, init and app containers with their statuses', () => {
    const { pc, src, result } = parseAt('cluster-info-dump/shop/pods.json', 'cluster-info/shop/pods.json');
    expect(pc).toMatchObject({ kind: 'pods', namespace: 'shop', layoutHint: 'cluster-info-dump' });
    const [api, web] = result.records as PodRecord[];
    expect(api.containers.map((c) => [c.name, c.init, c.image])).toEqual([
      ['migrate', true, 'ghcr.io/acme/api-migrate:v2.14.0'],
      ['api', false, 'ghcr.io/acme/api:v2.14.0'],
      ['envoy', false, 'envoyproxy/envoy:v1.30.1'],
    ]);
    const migrate = api.containers[0];
    expect(migrate.state?.waiting?.reason).toBe('ErrImagePull');
    expect(src[migrate.stateSource!.line! - 1]).toContain('"message": "failed to pull and unpack image');
    // statuses are matched by name, not position (envoy is listed first in status)
    expect(api.containers[2].state?.waiting?.reason).toBe('PodInitializing');
    expect(api.containers[1].imagePullPolicy).toBe('Always');
    expect(web.containers[0]).toMatchObject({ ready: true, state: { running: { startedAt: '2024-06-10T17:40:58Z' } } });
    expect(web.containers[0].stateSource).toBeUndefined();
  });

  it('the same items with no List kind are recognized by shape when sniffed', () => {
    const text = readFileSync(`${FIX}/cluster-info-dump/shop/pods.json`, 'utf8').replace('"kind": "PodList",', '');
    const r = dispatcher.parseFile({ file: 'loose/pods-dump.json' }, Buffer.from(text))!;
    expect(r.kind).toBe('pods');
    expect(r.records).toHaveLength(2);
    const ev = readFileSync(`${FIX}/cluster-info-dump/shop/events.json`, 'utf8').replace('"kind": "EventList",', '');
    const re = dispatcher.parseFile({ file: 'loose/events-dump.json' }, Buffer.from(ev))!;
    expect(re.kind).toBe('events');
    expect((re.records as EventRecord[]).map((e) => e.reason)).toEqual(['Failed', 'Pulling', 'Scheduled']);
  });

  it('events: Normal routine events keep the object line, pull failures cite the message', () => {
    const { src, result } = parseAt('cluster-info-dump/shop/events.json', 'cluster-info/shop/events.json');
    const [failed, pulling, scheduled] = result.records as EventRecord[];
    expect(failed).toMatchObject({ count: 4, involvedObject: { fieldPath: 'spec.initContainers{migrate}' } });
    expect(src[failed.source.line! - 1]).toContain('"message": "Failed to pull image');
    expect(src[pulling.source.line! - 1].trim()).toBe('{');
    expect(src[scheduled.source.line! - 1].trim()).toBe('{');
  });
});

describe('events.k8s.io/v1', () => {
  it('maps regarding/note/series/reportingController', () => {
    const { src, result } = parseAt('events-k8s-io-v1.yaml', 'loose/events-v1.yaml');
    expect(result.kind).toBe('events');
    const e = result.records[0] as EventRecord;
    expect(e).toMatchObject({
      namespace: 'payments',
      involvedObject: { kind: 'Pod', name: 'payments-0', fieldPath: 'spec.containers{payments}' },
      reason: 'Failed',
      type: 'Warning',
      count: 12,
      firstTimestamp: '2024-09-03T14:02:11.482913Z',
      lastTimestamp: '2024-09-03T14:31:40.120558Z',
      sourceComponent: 'kubelet',
      sourceHost: 'ip-10-0-3-41.eu-west-1.compute.internal',
    });
    expect(e.message).toContain('no basic auth credentials');
    expect(src[e.source.line! - 1]).toContain("note: 'Failed to pull image");
  });
});

describe('image and registry artifacts (sniffed)', () => {
  it('tags list', () => {
    const r = parseAt('tags-list.json', 'attachments/tags.json').result;
    expect(r.kind).toBe('tags-list');
    expect(r.records[0] as TagsListRecord).toMatchObject({ repository: 'acme/api', tags: ['v2.12.0', 'v2.13.0', 'v2.13.1', 'v2.14.0-rc.1', 'latest'] });
  });

  it('docker image inspect', () => {
    const r = parseAt('docker-image-inspect.json', 'attachments/inspect.json').result;
    expect(r.kind).toBe('image-inspect');
    expect(r.records[0] as ImagePlatformsRecord).toMatchObject({
      from: 'inspect',
      images: ['registry.acme.internal:5000/shop/checkout:1.8.2', 'registry.acme.internal:5000/shop/checkout@sha256:9f2f5c0a7c3e6d1b8a4e2f0c9d8b7a6e5f4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b'],
      platforms: [{ os: 'linux', architecture: 'arm64', variant: 'v8' }],
      source: { line: 2 },
    });
  });

  it('crictl inspecti', () => {
    const r = parseAt('crictl-inspecti.json', 'attachments/inspecti.json').result;
    expect(r.kind).toBe('image-inspect');
    expect(r.records[0]).toMatchObject({ images: ['ghcr.io/acme/api:v2.13.1', 'ghcr.io/acme/api@sha256:1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d'], platforms: [{ os: 'linux', architecture: 'amd64' }] });
  });

  it('OCI index: platforms without the attestation entry', () => {
    const r = parseAt('oci-index.json', 'attachments/index.json').result;
    expect(r.kind).toBe('manifest-list');
    expect((r.records[0] as ImagePlatformsRecord).platforms).toEqual([
      { os: 'linux', architecture: 'arm64', variant: undefined },
      { os: 'linux', architecture: 'arm', variant: 'v7' },
    ]);
  });
});
