import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../src/parsers/dispatch.js';
import { classifyPath } from '../../../src/parsers/layout.js';
import type { EventRecord, NodeRecord, ParseContext, PodRecord, SecretRecord } from '../../../src/parsers/records.js';
import { parseStructured } from '../../../src/parsers/structured/index.js';
import { readTarEntries } from './tar-entries.js';

const SHARED = '/work/shared/bundles/troubleshoot';
const dispatcher = createDispatcher([]);

function lines(text: string): string[] {
  return text.split('\n');
}

/** Parse a bundle entry the way the reader will: path → class → dispatcher. */
function parseEntry(path: string, content: Buffer) {
  const pc = classifyPath(path);
  const ctx: ParseContext = { file: path, kind: pc.kind, namespace: pc.namespace, node: pc.node };
  return { pc, result: dispatcher.parseFile(ctx, content) };
}

describe('troubleshoot image-pull-fail (real PodList + EventList)', () => {
  const podsFile = 'cluster-resources/pods/message-image-pull-fail.json';
  const podsText = readFileSync(`${SHARED}/image-pull-fail/pods.json`, 'utf8');
  const eventsText = readFileSync(`${SHARED}/image-pull-fail/events.json`, 'utf8');

  it('reads the pod, its container waiting on ErrImagePull with the x509 message, with lines that point at the text', () => {
    const { pc, result } = parseEntry(podsFile, Buffer.from(podsText));
    expect(pc).toMatchObject({ decision: 'read', kind: 'pods', namespace: 'message-image-pull-fail', layoutHint: 'troubleshoot' });
    expect(result?.kind).toBe('pods');
    expect(result?.warnings).toEqual([]);
    const pods = result!.records as PodRecord[];
    expect(pods).toHaveLength(JSON.parse(podsText).items.length);
    const pod = pods.find((p) => p.name === 'no-image-deployment-849c4c4958-rxqmt')!;
    expect(pod).toMatchObject({ namespace: 'message-image-pull-fail', phase: 'Pending', nodeName: 'minikube', serviceAccountName: 'default', imagePullSecrets: [] });
    expect(pod.owner).toEqual({ kind: 'ReplicaSet', name: 'no-image-deployment-849c4c4958' });
    const c = pod.containers[0];
    expect(c.image).toBe('noimage.com/no-such-image');
    expect(c.state?.waiting?.reason).toBe('ErrImagePull');
    expect(c.state?.waiting?.message).toContain('x509: certificate is not valid for any names, but wanted to match noimage.com');
    const text = lines(podsText);
    // the pod line is the `{` of the item whose metadata names it
    expect(text[pod.source.line! - 1].trim()).toBe('{');
    expect(text.slice(pod.source.line!, pod.source.line! + 12).join('\n')).toContain('"name": "no-image-deployment-849c4c4958-rxqmt"');
    // the state line is the message line itself, the container line the spec element
    expect(text[c.stateSource!.line! - 1]).toContain('"message": "rpc error: code = Unknown desc = Error response from daemon: Get \\"https://noimage.com/v2/\\": x509');
    expect(text[c.source.line! - 1].trim()).toBe('{');
    expect(text.slice(c.source.line!, c.source.line! + 4).join('\n')).toContain('"image": "noimage.com/no-such-image"');
  });

  it('reads every event with counts, and cites the message line of warnings', () => {
    const { result } = parseEntry('cluster-resources/events/message-image-pull-fail.json', Buffer.from(eventsText));
    const events = result!.records as EventRecord[];
    expect(result?.kind).toBe('events');
    expect(events).toHaveLength(JSON.parse(eventsText).items.length);
    const failed = events.filter((e) => e.reason === 'Failed' && e.message.startsWith('Failed to pull image "noimage.com/no-such-image"'));
    expect(failed.length).toBeGreaterThan(0);
    const text = lines(eventsText);
    for (const e of failed) {
      expect(e.type).toBe('Warning');
      expect(e.involvedObject.name).toBe('no-image-deployment-849c4c4958-rxqmt');
      expect(e.involvedObject.fieldPath).toBe('spec.containers{demo-deployment-container}');
      expect(text[e.source.line! - 1]).toContain('"message": "Failed to pull image \\"noimage.com/no-such-image\\"');
      expect(e.sourceComponent).toBe('kubelet');
      expect(typeof e.count).toBe('number');
      expect(e.lastTimestamp).toMatch(/^2023-07-11T/);
    }
    expect(events.some((e) => e.reason === 'FailedScheduling' && e.message.includes('nvidia.com/gpu'))).toBe(true);
  });
});

describe('mixed-events (76 real events)', () => {
  it('keeps all 76 and the x509 and TLS-timeout pull failures', () => {
    const text = readFileSync(`${SHARED}/mixed-events/events.json`, 'utf8');
    const r = parseStructured(text, { file: 'events.json' })!;
    expect(r.kind).toBe('events');
    const events = r.records as EventRecord[];
    expect(events).toHaveLength(76);
    expect(events.filter((e) => e.message.includes('x509')).length).toBeGreaterThan(0);
    expect(events.some((e) => e.message.includes('net/http: TLS handshake timeout'))).toBe(true);
    const src = lines(text);
    for (const e of events.filter((x) => x.type === 'Warning')) expect(src[e.source.line! - 1]).toContain('"message":');
  });
});

describe('nodes-7-mixed-runtimes (real NodeList)', () => {
  const text = readFileSync(`${SHARED}/nodes-7-mixed-runtimes.json`, 'utf8');
  const r = parseStructured(text, { file: 'cluster-resources/nodes.json', kind: 'nodes' })!;
  const nodes = r.records as NodeRecord[];
  const doc = JSON.parse(text);

  it('reads 7 nodes with docker and containerd runtimes and every condition', () => {
    expect(nodes).toHaveLength(7);
    const runtimes = new Set(nodes.map((n) => n.containerRuntimeVersion?.split('://')[0]));
    expect(runtimes).toEqual(new Set(['docker', 'containerd']));
    nodes.forEach((n, i) => {
      expect(n.name).toBe(doc.items[i].metadata.name);
      expect(n.conditions.map((c) => c.type)).toEqual(doc.items[i].status.conditions.map((c: { type: string }) => c.type));
      expect(n.conditions.find((c) => c.type === 'Ready')?.status).toBe(doc.items[i].status.conditions.find((c: { type: string }) => c.type === 'Ready').status);
      expect(n.architecture).toBe(doc.items[i].status.nodeInfo.architecture);
      expect(n.capacity?.cpu).toBe(doc.items[i].status.capacity.cpu);
    });
  });

  it('gives each condition the line of its own object', () => {
    const src = lines(text);
    for (const n of nodes) {
      for (const c of n.conditions) {
        expect(src[c.source!.line! - 1].trim()).toBe('{');
        // the condition's type is written inside the next few lines of that object
        const block = src.slice(c.source!.line!, c.source!.line! + 8).join('\n');
        expect(block).toContain(`"type": "${c.type}"`);
      }
      expect(src[n.infoSource!.line! - 1]).toContain('"nodeInfo"');
    }
  });
});

describe('real tar.gz bundles', () => {
  it('legacy k3d v0.50: pods/events/nodes parse; bare-array files are not taken for Kubernetes objects', async () => {
    const entries = await readTarEntries(`${SHARED}/legacy-k3d-v0.50.tar.gz`, (p) => p.endsWith('.json') || p.endsWith('.yaml'));
    const pods = entries.get('support-bundle/cluster-resources/pods/kube-system.json')!;
    const { result } = parseEntry('support-bundle/cluster-resources/pods/kube-system.json', pods);
    const podDoc = JSON.parse(pods.toString());
    expect(result?.records).toHaveLength(podDoc.items.length);
    expect(result?.records.every((r) => r.kind === 'pod' && r.namespace === 'kube-system')).toBe(true);

    // pre-2022 troubleshoot wrote bare arrays of items: same pods from the array form
    const bare = Buffer.from(JSON.stringify(podDoc.items, null, 2));
    const legacy = parseEntry('support-bundle/cluster-resources/pods/kube-system.json', bare).result!;
    expect(legacy.records.map((r) => (r as PodRecord).name)).toEqual((result!.records as PodRecord[]).map((r) => r.name));
    const src = lines(bare.toString());
    for (const p of legacy.records as PodRecord[]) expect(src[p.source.line! - 1]).toBe('  {');

    // the real bare arrays of that bundle (auth-cani-list, groups.json, resources.json) are not pods
    for (const path of ['support-bundle/cluster-resources/auth-cani-list/default.json', 'support-bundle/cluster-resources/groups.json', 'support-bundle/cluster-resources/resources.json']) {
      const body = entries.get(path)!;
      expect(body.toString().trimStart().startsWith('[')).toBe(true);
      expect(classifyPath(path).decision).toBe('skip');
      expect(dispatcher.parseFile({ file: path }, body)).toBeUndefined();
    }
    const version = parseEntry('support-bundle/version.yaml', entries.get('support-bundle/version.yaml')!).result!;
    expect(version.records[0]).toMatchObject({ kind: 'bundle-meta', collector: 'troubleshoot v0.50.0-13-gd9e2465-dirty' });
    const cv = parseEntry('support-bundle/cluster-info/cluster_version.json', entries.get('support-bundle/cluster-info/cluster_version.json')!).result!;
    expect(cv.records[0]).toMatchObject({ kind: 'bundle-meta', clusterVersion: 'v1.24.4+k3s1' });
  });

  it('kurl: the redacted image-pull-secrets file is a secret with a redacted registry and username kurl', async () => {
    const entries = await readTarEntries(`${SHARED}/kurl-v1.23-redacted.tar.gz`, (p) => p.includes('image-pull-secrets') || p.endsWith('nodes.json'));
    const path = 'kurl-support-bundle/cluster-resources/image-pull-secrets/default/registry-creds.json';
    const { pc, result } = parseEntry(path, entries.get(path)!);
    expect(pc).toMatchObject({ decision: 'read', kind: 'troubleshoot-pull-secret', namespace: 'default' });
    const s = result!.records[0] as SecretRecord;
    expect(s).toMatchObject({ kind: 'secret', namespace: 'default', name: 'registry-creds', type: 'kubernetes.io/dockerconfigjson' });
    expect(s.dockerConfig?.format).toBe('registry-usernames');
    expect(s.dockerConfig?.entries).toEqual([
      expect.objectContaining({ key: '***HIDDEN***', username: 'kurl', redacted: true, hasPassword: false, problems: [] }),
    ]);
    expect(s.dockerConfig?.entries[0].source).toEqual({ file: path, line: 1 });
    const nodes = parseEntry('kurl-support-bundle/cluster-resources/nodes.json', entries.get('kurl-support-bundle/cluster-resources/nodes.json')!).result!;
    expect(nodes.records).toHaveLength(3);
  });

  it('current k3s v0.123: dns/debug.json gives the pod resolv.conf; service accounts and secrets collector files parse', async () => {
    const entries = await readTarEntries(`${SHARED}/current-k3s-v0.123.tar.gz`, (p) => p.endsWith('.json') || p.endsWith('.yaml'));
    const dns = parseEntry('supportbundle/dns/debug.json', entries.get('supportbundle/dns/debug.json')!).result!;
    expect(dns.kind).toBe('dns-debug');
    expect(dns.records[0]).toMatchObject({
      kind: 'resolv-conf',
      scope: 'pod',
      search: ['default.svc.cluster.local', 'svc.cluster.local', 'cluster.local', '2kjf1j2funvedko2xfewkftqqf.gx.internal.cloudapp.net'],
      options: ['ndots:5'],
      nameservers: [{ address: '10.43.0.10', source: { file: 'supportbundle/dns/debug.json', line: 1 } }],
    });
    const sa = parseEntry('supportbundle/cluster-resources/serviceaccounts/kube-system.json', entries.get('supportbundle/cluster-resources/serviceaccounts/kube-system.json')!).result!;
    expect(sa.kind).toBe('serviceaccounts');
    expect(sa.records.length).toBe(JSON.parse(entries.get('supportbundle/cluster-resources/serviceaccounts/kube-system.json')!.toString()).items.length);
    // secretExists: false: the collector looked and the secret is not there, so no record
    const sec = parseEntry('supportbundle/secrets/default/example-secret.json', entries.get('supportbundle/secrets/default/example-secret.json')!);
    expect(sec.pc).toMatchObject({ kind: 'secrets', namespace: 'default' });
    expect(sec.result).toEqual({ kind: 'secrets', records: [], warnings: [] });
    // every cluster-resources file the layout reads parses without a warning
    let read = 0;
    for (const [path, body] of entries) {
      const { pc, result } = parseEntry(path, body);
      if (pc.decision !== 'read') continue;
      read++;
      expect(result, path).toBeDefined();
      expect(result!.warnings, path).toEqual([]);
    }
    expect(read).toBeGreaterThan(10);
  });
});
