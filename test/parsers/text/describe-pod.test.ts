import { describe, expect, it } from 'vitest';
import { describePodParser } from '../../../src/parsers/text/describe-pod.js';
import { events, fixture, lineOf, pods } from './helpers.js';

describe('describe-pod sniff', () => {
  it('recognizes every describe pod variant', () => {
    for (const f of ['describe-pods-current.txt', 'describe-pod-pre120.txt', 'describe-pod-135.txt', 'describe-pod-old14.txt']) {
      expect(describePodParser.sniff(fixture(f).slice(0, 4096)), f).toBe(true);
    }
  });
  it('does not fire on describe node, YAML or JSON that mention the same keys', () => {
    expect(describePodParser.sniff(fixture('describe-nodes.txt'))).toBe(false);
    expect(describePodParser.sniff('apiVersion: v1\nkind: Pod\nName: x\nNamespace: y\nStatus: z\n')).toBe(false);
    expect(describePodParser.sniff('{"Name": "x",\n"Namespace": "y", "Status": "z"}')).toBe(false);
    expect(describePodParser.sniff('Name:x\nNamespace:y\nStatus:z\n')).toBe(false);
    const pvc = 'Name:          data-cache-0\nNamespace:     shop\nStorageClass:  gp3\nStatus:        Bound\nVolume:        pvc-1f2e3d4c\nLabels:        app=cache\nCapacity:      10Gi\nAccess Modes:  RWO\nEvents:        <none>\n';
    expect(describePodParser.sniff(pvc)).toBe(false);
  });
});

describe('describe-pod parse, current kubectl, two pods in one file', () => {
  const text = fixture('describe-pods-current.txt');
  const res = describePodParser.parse(text, { file: 'describe/shop.txt' });

  it('reads top fields of each pod', () => {
    expect(res.warnings).toEqual([]);
    const [web, cache] = pods(res.records);
    expect(web).toMatchObject({
      origin: 'describe',
      namespace: 'shop',
      name: 'web-7d9c6b5f4d-x2x9k',
      serviceAccountName: 'web',
      nodeName: 'ip-10-0-1-23.ec2.internal',
      phase: 'Pending',
      owner: { kind: 'ReplicaSet', name: 'web-7d9c6b5f4d' },
      labels: { app: 'web', 'pod-template-hash': '7d9c6b5f4d' },
      source: { file: 'describe/shop.txt', line: 1 },
    });
    expect(web.imagePullSecrets).toBeUndefined();
    expect(web.reason).toBeUndefined();
    expect(cache).toMatchObject({ name: 'cache-0', owner: { kind: 'StatefulSet', name: 'cache' }, source: { line: lineOf(text, 'Name:             cache-0') } });
    expect(cache.labels?.['statefulset.kubernetes.io/pod-name']).toBe('cache-0');
  });

  it('reads init and app containers with state, last state and the State/Reason lines', () => {
    const web = pods(res.records)[0];
    expect(web.containers.map((c) => [c.name, c.init])).toEqual([
      ['init-db', true],
      ['app', false],
      ['metrics', false],
    ]);
    const [init, app, metrics] = web.containers;
    expect(init).toMatchObject({ image: 'busybox:1.36', ready: true, restartCount: 0, state: { terminated: { reason: 'Completed', exitCode: 0 } } });
    expect(app.image).toBe('registry.acme.internal/team/api:1.0.7');
    expect(app.imageID).toBeUndefined();
    expect(app.state).toEqual({ waiting: { reason: 'ImagePullBackOff' } });
    expect(app.stateSource).toEqual({ file: 'describe/shop.txt', line: lineOf(text, 'Reason:       ImagePullBackOff') });
    expect(app.source.line).toBe(lineOf(text, '  app:'));
    expect(app.ready).toBe(false);
    // `Reason:` under Environment is an env var, not a state
    expect(app.lastState).toBeUndefined();
    expect(metrics.state).toEqual({ running: { startedAt: 'Tue, 24 Nov 2026 09:10:11 +0000' } });
    expect(metrics.lastState).toEqual({ terminated: { reason: 'Error', exitCode: 2 } });
    expect(metrics.stateSource?.line).toBe(lineOf(text, 'State:          Running'));
    expect(metrics.restartCount).toBe(1);
  });

  it('reads the Events table with counts, ages, sources and line numbers', () => {
    const ev = events(res.records);
    expect(ev).toHaveLength(15);
    const failed = ev.filter((e) => e.reason === 'Failed' && e.involvedObject.name === 'web-7d9c6b5f4d-x2x9k');
    expect(failed[0]).toEqual({
      kind: 'event',
      origin: 'describe',
      namespace: 'shop',
      involvedObject: { kind: 'Pod', namespace: 'shop', name: 'web-7d9c6b5f4d-x2x9k' },
      type: 'Warning',
      reason: 'Failed',
      message:
        'Failed to pull image "registry.acme.internal/team/api:1.0.7": failed to pull and unpack image "registry.acme.internal/team/api:1.0.7": failed to resolve reference "registry.acme.internal/team/api:1.0.7": failed to do request: Head "https://registry.acme.internal/v2/team/api/manifests/1.0.7": dial tcp: lookup registry.acme.internal on 10.0.0.2:53: no such host',
      count: 4,
      age: '2m25s (x4 over 4m47s)',
      sourceComponent: 'kubelet',
      source: { file: 'describe/shop.txt', line: lineOf(text, 'no such host') },
    });
    const scheduled = ev[0];
    expect(scheduled).toMatchObject({ reason: 'Scheduled', type: 'Normal', age: '4m55s', sourceComponent: 'default-scheduler' });
    expect(scheduled.count).toBeUndefined();
    const backoff = ev.find((e) => e.reason === 'BackOff');
    expect(backoff).toMatchObject({ type: 'Normal', count: 6, message: 'Back-off pulling image "registry.acme.internal/team/api:1.0.7"' });
  });

  it('joins a containerd 2.1.3+ multi-line message printed at column 0', () => {
    const ev = events(res.records).filter((e) => e.involvedObject.name === 'cache-0');
    expect(ev.map((e) => e.reason)).toEqual(['Scheduled', 'Pulling', 'Failed', 'Failed', 'BackOff', 'Failed']);
    expect(ev[2].message).toBe(
      'Failed to pull image "redis:7.2.4": failed to pull and unpack image "docker.io/library/redis:7.2.4": failed to copy: httpReadSeeker: failed open: unexpected status from GET request to https://registry-1.docker.io/v2/library/redis/manifests/sha256:5532ddb9f0d96db86c7c9fb78f14f5a5335d43d695a033888eb7d6df5b16cb63: 429 Too Many Requests\ntoomanyrequests: You have reached your unauthenticated pull rate limit. https://www.docker.com/increase-rate-limit',
    );
    expect(ev[2].source.line).toBe(lineOf(text, '429 Too Many Requests'));
    expect(ev[3]).toMatchObject({ message: 'Error: ErrImagePull', count: 3 });
  });
});

describe('describe-pod parse, kubectl before 1.20', () => {
  const text = fixture('describe-pod-pre120.txt');
  const res = describePodParser.parse(text, { file: 'p.txt' });
  it('splits the From column into component and host, keeps <unknown> ages', () => {
    expect(res.warnings).toEqual([]);
    const ev = events(res.records);
    expect(ev[0]).toMatchObject({ reason: 'Scheduled', age: '<unknown>', sourceComponent: 'default-scheduler' });
    expect(ev[0].sourceHost).toBeUndefined();
    expect(ev[2]).toMatchObject({
      reason: 'Failed',
      count: 4,
      age: '3m (x4 over 4m)',
      sourceComponent: 'kubelet',
      sourceHost: 'ip-10-0-1-23.ec2.internal',
    });
    expect(ev[2].message).toMatch(/no basic auth credentials$/);
    expect(ev[5]).toMatchObject({ message: 'Error: ImagePullBackOff', count: 7 });
    const pod = pods(res.records)[0];
    expect(pod.serviceAccountName).toBeUndefined();
    expect(pod.containers[0].state).toEqual({ waiting: { reason: 'ImagePullBackOff' } });
  });
});

describe('describe-pod parse, kubectl 1.35+ field path prefix', () => {
  const text = fixture('describe-pod-135.txt');
  const res = describePodParser.parse(text, { file: 'p.txt' });
  it('moves spec.initContainers{init-db} into fieldPath and keeps a CRI-O multi-line message', () => {
    const ev = events(res.records);
    expect(ev[0].involvedObject.fieldPath).toBeUndefined();
    expect(ev[1]).toMatchObject({ reason: 'Pulling', message: 'Pulling image "acme/db-migrate:3.2"', involvedObject: { fieldPath: 'spec.initContainers{init-db}' } });
    expect(ev[2].involvedObject.fieldPath).toBe('spec.initContainers{init-db}');
    expect(ev[2].message).toBe(
      'Failed to pull image "acme/db-migrate:3.2": rpc error: code = Unknown desc = initializing source docker://acme/db-migrate:3.2: reading manifest 3.2 in docker.io/acme/db-migrate: errors:\ndenied: requested access to the resource is denied\nunauthorized: authentication required',
    );
    expect(ev[3]).toMatchObject({ message: 'Error: ErrImagePull', source: { line: lineOf(text, 'Error: ErrImagePull') } });
    const pod = pods(res.records)[0];
    expect(pod.nodeName).toBe('worker-2');
    expect(pod.containers[0]).toMatchObject({ name: 'init-db', init: true, state: { waiting: { reason: 'ErrImagePull' } } });
  });
});

describe('describe-pod parse, kubectl 1.4 tab-separated', () => {
  const text = fixture('describe-pod-old14.txt');
  const res = describePodParser.parse(text, { file: 'p.txt' });
  it('reads FirstSeen LastSeen Count From SubobjectPath columns, with and without a subobject', () => {
    expect(res.warnings).toEqual([]);
    const pod = pods(res.records)[0];
    expect(pod).toMatchObject({ namespace: 'default', nodeName: 'minikube', owner: { kind: 'ReplicaSet', name: 'nginx-2371676037' }, labels: { run: 'nginx' } });
    const ev = events(res.records);
    expect(ev.map((e) => e.reason)).toEqual(['Scheduled', 'Pulling', 'Failed', 'FailedSync']);
    expect(ev[0]).toMatchObject({ count: 1, sourceComponent: 'default-scheduler' });
    expect(ev[2]).toMatchObject({
      type: 'Warning',
      count: 4,
      age: '13s',
      sourceComponent: 'kubelet',
      sourceHost: 'minikube',
      involvedObject: { fieldPath: 'spec.containers{nginx}' },
      message: 'Failed to pull image "nginx:1.27.99": rpc error: code = 2 desc = Tag 1.27.99 not found in repository docker.io/library/nginx',
    });
    expect(ev[3].involvedObject.fieldPath).toBeUndefined();
    expect(ev[3].message).toMatch(/^Error syncing pod, skipping/);
  });
});

describe('describe-pod robustness', () => {
  it('CRLF, ANSI colours and NUL bytes do not change what is read', () => {
    const text = fixture('describe-pod-pre120.txt');
    const dirty = text
      .replace(/\n/g, '\r\n')
      .replace('ImagePullBackOff', '\u001b[31mImagePullBackOff\u001b[0m')
      .replace('Pulling image', 'Pulling\u0000 image');
    const clean = describePodParser.parse(text, { file: 'p.txt' });
    const got = describePodParser.parse(dirty, { file: 'p.txt' });
    expect(got.records).toEqual(clean.records);
  });

  it('Events: <none> gives no events and no warning', () => {
    const text = 'Name:         lonely\nNamespace:    default\nStatus:       Pending\nContainers:\n  app:\n    Image:  nginx\nEvents:       <none>\n';
    const res = describePodParser.parse(text, { file: 'x' });
    expect(res.warnings).toEqual([]);
    expect(events(res.records)).toEqual([]);
    expect(pods(res.records)[0].containers[0]).toMatchObject({ name: 'app', image: 'nginx', source: { line: 5 } });
  });

  it('a broken Events table gives a warning with the line, the pod and good rows are kept', () => {
    const text = [
      'Name:         web-1',
      'Namespace:    default',
      'Status:       Pending',
      'Events:',
      '  garbage that is not a header',
      '  Warning  Failed     10s   kubelet  Failed to pull image "nginx:1.27.99": rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:1.27.99": failed to resolve reference "docker.io/library/nginx:1.27.99": docker.io/library/nginx:1.27.99: not found',
      '  Warning  ',
    ].join('\n');
    const res = describePodParser.parse(text, { file: 'bad.txt' });
    expect(pods(res.records)).toHaveLength(1);
    const ev = events(res.records);
    expect(ev).toHaveLength(1);
    expect(ev[0]).toMatchObject({ reason: 'Failed', source: { line: 6 } });
    expect(ev[0].message).toMatch(/: not found$/);
    expect(res.warnings.map((w) => [w.file, w.line])).toEqual([
      ['bad.txt', 6],
      ['bad.txt', 5],
      ['bad.txt', 7],
    ]);
    expect(res.warnings[0].message).toMatch(/without a header/);
  });

  it('caps a giant message with a warning', () => {
    const huge = 'x'.repeat(200_000);
    const text = `Name:  a\nNamespace:  b\nStatus:  Pending\nEvents:\n  Type     Reason  Age  From     Message\n  ----     ------  ---  ----     -------\n  Warning  Failed  1s   kubelet  ${huge}\n`;
    const res = describePodParser.parse(text, { file: 'big.txt' });
    const ev = events(res.records);
    expect(ev).toHaveLength(1);
    expect(ev[0].message.length).toBeLessThanOrEqual(64 * 1024);
    expect(res.warnings.length).toBeGreaterThan(0);
    expect(res.warnings[0].file).toBe('big.txt');
  });
});

describe('describe-pod: evicted pod, pod-level Reason', () => {
  it('reads Status Failed and Reason Evicted at column 0, not the container Reason', () => {
    const text = [
      'Name:           web-7d9c6b5f4d-8kq2z',
      'Namespace:      shop',
      'Priority:       0',
      'Node:           ip-10-0-1-23.ec2.internal/',
      'Start Time:     Tue, 24 Nov 2026 07:10:02 +0000',
      'Labels:         <none>',
      'Annotations:    <none>',
      'Status:         Failed',
      'Reason:         Evicted',
      'Message:        The node was low on resource: ephemeral-storage. Threshold quantity: 2097152Ki, available: 1048576Ki.',
      'Containers:',
      '  app:',
      '    Image:          registry.acme.internal/team/api:1.0.6',
      '    State:          Terminated',
      '      Reason:       ContainerStatusUnknown',
      '      Message:      The container could not be located when the pod was terminated',
      '      Exit Code:    137',
      '    Ready:          False',
      'Events:          <none>',
    ].join('\n');
    const res = describePodParser.parse(text, { file: 'e.txt' });
    expect(res.warnings).toEqual([]);
    const pod = pods(res.records)[0];
    expect(pod).toMatchObject({ phase: 'Failed', reason: 'Evicted', nodeName: 'ip-10-0-1-23.ec2.internal', labels: {} });
    expect(pod.containers[0].state).toEqual({
      terminated: { reason: 'ContainerStatusUnknown', message: 'The container could not be located when the pod was terminated', exitCode: 137 },
    });
    expect(pod.containers[0].stateSource).toEqual({ file: 'e.txt', line: 15 });
  });
});
