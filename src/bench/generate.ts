/**
 * Synthetic Replicated troubleshoot bundles for the benchmark: realistic
 * PodList / EventList / NodeList files (pretty-printed like the collector
 * writes them), a share of pods failing to pull with real runtime messages,
 * and optionally gigabytes of pod logs that podmortem must skip.
 */
import { createWriteStream, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import * as tar from 'tar';

export interface BundleSpec {
  pods: number;
  eventsPerPod: number;
  /** share of pods stuck in ImagePullBackOff */
  failingShare: number;
  podsPerNamespace: number;
  nodes: number;
  /** total bytes of pod logs to include (0 for none) */
  logBytes: number;
}

const FAILURES = [
  (img: string) => `Failed to pull image "${img}": rpc error: code = NotFound desc = failed to pull and unpack image "${img}": failed to resolve reference "${img}": ${img}: not found`,
  (img: string) => `Failed to pull image "${img}": failed to pull and unpack image "${img}": failed to resolve reference "${img}": failed to do request: Head "https://registry.acme.internal/v2/shop/api/manifests/1.0": dial tcp: lookup registry.acme.internal on 10.0.0.2:53: no such host`,
  (img: string) => `Failed to pull image "${img}": failed to pull and unpack image "${img}": failed to resolve reference "${img}": unexpected status from HEAD request to https://ghcr.io/v2/acme/api/manifests/2.0: 401 Unauthorized`,
  (img: string) => `Failed to pull image "${img}": rpc error: code = Unknown desc = failed to pull and unpack image "${img}": failed to copy: httpReadSeeker: failed open: unexpected status code https://registry-1.docker.io/v2/library/redis/manifests/sha256:1b1b: 429 Too Many Requests - Server message: toomanyrequests: You have reached your pull rate limit. You may increase the limit by authenticating and upgrading: https://www.docker.com/increase-rate-limit`,
];

const FAILING_IMAGES = ['docker.io/library/nginx:1.27.99', 'registry.acme.internal/shop/api:1.0', 'ghcr.io/acme/api:2.0', 'redis:7.2'];

function nodeName(i: number): string {
  return `ip-10-0-${Math.floor(i / 250)}-${i % 250}.eu-west-1.compute.internal`;
}

function pod(ns: string, i: number, spec: BundleSpec, failing: boolean) {
  const name = `svc-${i % 97}-7d9c6b5f4d-${(i * 7919).toString(36).padStart(5, 'x').slice(-5)}`;
  const image = failing ? FAILING_IMAGES[i % FAILING_IMAGES.length] : `registry.acme.internal/shop/svc-${i % 97}:3.${i % 10}.0`;
  const node = nodeName(i % spec.nodes);
  return {
    kind: 'Pod',
    apiVersion: 'v1',
    metadata: {
      name,
      generateName: `svc-${i % 97}-7d9c6b5f4d-`,
      namespace: ns,
      uid: `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`,
      resourceVersion: String(100000 + i),
      creationTimestamp: '2026-11-24T08:00:00Z',
      labels: { app: `svc-${i % 97}`, 'pod-template-hash': '7d9c6b5f4d' },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: `svc-${i % 97}-7d9c6b5f4d`, uid: 'rs-uid', controller: true, blockOwnerDeletion: true }],
    },
    spec: {
      containers: [
        {
          name: 'app',
          image,
          ports: [{ containerPort: 8080, protocol: 'TCP' }],
          resources: { limits: { cpu: '500m', memory: '256Mi' }, requests: { cpu: '100m', memory: '128Mi' } },
          terminationMessagePath: '/dev/termination-log',
          terminationMessagePolicy: 'File',
          imagePullPolicy: 'IfNotPresent',
        },
      ],
      restartPolicy: 'Always',
      terminationGracePeriodSeconds: 30,
      dnsPolicy: 'ClusterFirst',
      serviceAccountName: 'default',
      serviceAccount: 'default',
      nodeName: node,
      imagePullSecrets: [{ name: 'regcred' }],
      schedulerName: 'default-scheduler',
      tolerations: [
        { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
        { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      ],
      priority: 0,
      enableServiceLinks: true,
    },
    status: {
      phase: failing ? 'Pending' : 'Running',
      conditions: [
        { type: 'Initialized', status: 'True', lastProbeTime: null, lastTransitionTime: '2026-11-24T08:00:00Z' },
        { type: 'Ready', status: failing ? 'False' : 'True', lastProbeTime: null, lastTransitionTime: '2026-11-24T08:00:05Z' },
        { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: '2026-11-24T08:00:00Z' },
      ],
      hostIP: '10.0.1.23',
      podIP: `10.244.${i % 250}.${(i >> 8) % 250}`,
      startTime: '2026-11-24T08:00:00Z',
      containerStatuses: [
        {
          name: 'app',
          state: failing ? { waiting: { reason: 'ImagePullBackOff', message: `Back-off pulling image "${image}"` } } : { running: { startedAt: '2026-11-24T08:00:04Z' } },
          lastState: {},
          ready: !failing,
          restartCount: 0,
          image,
          imageID: failing ? '' : `${image}@sha256:${'ab'.repeat(32)}`,
          started: !failing,
        },
      ],
      qosClass: 'Burstable',
    },
  };
}

function event(ns: string, podName: string, n: number, i: number, failing: boolean, image: string) {
  const base = {
    kind: 'Event',
    apiVersion: 'v1',
    metadata: { name: `${podName}.18${(i * 31 + n).toString(16).padStart(14, '0')}`, namespace: ns, uid: `ev-${i}-${n}`, resourceVersion: String(200000 + i * 10 + n), creationTimestamp: '2026-11-24T08:00:00Z' },
    involvedObject: { kind: 'Pod', namespace: ns, name: podName, uid: `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`, apiVersion: 'v1', resourceVersion: String(100000 + i), fieldPath: 'spec.containers{app}' },
    source: { component: 'kubelet', host: nodeName(i) },
    firstTimestamp: '2026-11-24T08:00:01Z',
    lastTimestamp: `2026-11-24T08:${String(10 + n).padStart(2, '0')}:00Z`,
    count: 1 + n,
    eventTime: null,
    reportingComponent: 'kubelet',
    reportingInstance: nodeName(i),
  };
  if (failing) {
    const kinds = [
      { reason: 'Pulling', type: 'Normal', message: `Pulling image "${image}"` },
      { reason: 'Failed', type: 'Warning', message: FAILURES[i % FAILURES.length](image) },
      { reason: 'Failed', type: 'Warning', message: 'Error: ErrImagePull' },
      { reason: 'BackOff', type: 'Normal', message: `Back-off pulling image "${image}"` },
      { reason: 'Failed', type: 'Warning', message: 'Error: ImagePullBackOff' },
      { reason: 'Scheduled', type: 'Normal', message: `Successfully assigned ${ns}/${podName} to ${nodeName(i)}` },
    ];
    return { ...base, ...kinds[n % kinds.length] };
  }
  const ok = [
    { reason: 'Scheduled', type: 'Normal', message: `Successfully assigned ${ns}/${podName} to ${nodeName(i)}` },
    { reason: 'Pulling', type: 'Normal', message: `Pulling image "${image}"` },
    { reason: 'Pulled', type: 'Normal', message: `Successfully pulled image "${image}" in 1.2s (1.2s including waiting). Image size: 52428800 bytes.` },
    { reason: 'Created', type: 'Normal', message: 'Created container: app' },
    { reason: 'Started', type: 'Normal', message: 'Started container app' },
    { reason: 'Unhealthy', type: 'Warning', message: 'Readiness probe failed: Get "http://10.244.1.2:8080/healthz": dial tcp 10.244.1.2:8080: connect: connection refused' },
  ];
  return { ...base, ...ok[n % ok.length] };
}

function nodeObject(i: number) {
  const arch = 'amd64';
  return {
    kind: 'Node',
    apiVersion: 'v1',
    metadata: { name: nodeName(i), uid: `node-${i}`, labels: { 'kubernetes.io/arch': arch, 'kubernetes.io/os': 'linux', 'kubernetes.io/hostname': nodeName(i), 'node.kubernetes.io/instance-type': 'm6i.xlarge' } },
    spec: { providerID: `aws:///eu-west-1a/i-0${i.toString(16).padStart(16, '0')}` },
    status: {
      capacity: { cpu: '4', 'ephemeral-storage': '104845292Ki', memory: '15896988Ki', pods: '58' },
      allocatable: { cpu: '3920m', 'ephemeral-storage': '95551679124', memory: '14880156Ki', pods: '58' },
      conditions: [
        { type: 'MemoryPressure', status: 'False', lastHeartbeatTime: '2026-11-24T08:59:00Z', lastTransitionTime: '2026-11-20T08:00:00Z', reason: 'KubeletHasSufficientMemory', message: 'kubelet has sufficient memory available' },
        { type: 'DiskPressure', status: 'False', lastHeartbeatTime: '2026-11-24T08:59:00Z', lastTransitionTime: '2026-11-20T08:00:00Z', reason: 'KubeletHasNoDiskPressure', message: 'kubelet has no disk pressure' },
        { type: 'PIDPressure', status: 'False', lastHeartbeatTime: '2026-11-24T08:59:00Z', lastTransitionTime: '2026-11-20T08:00:00Z', reason: 'KubeletHasSufficientPID', message: 'kubelet has sufficient PID available' },
        { type: 'Ready', status: 'True', lastHeartbeatTime: '2026-11-24T08:59:00Z', lastTransitionTime: '2026-11-20T08:00:10Z', reason: 'KubeletReady', message: 'kubelet is posting ready status' },
      ],
      addresses: [{ type: 'InternalIP', address: `10.0.${Math.floor(i / 250)}.${i % 250}` }, { type: 'Hostname', address: nodeName(i) }],
      nodeInfo: { machineID: 'ec2', systemUUID: 'ec2', bootID: 'b', kernelVersion: '6.1.112-124.190.amzn2023.x86_64', osImage: 'Amazon Linux 2023.6.20241010', containerRuntimeVersion: 'containerd://1.7.22', kubeletVersion: 'v1.30.4-eks-a737599', kubeProxyVersion: 'v1.30.4-eks-a737599', operatingSystem: 'linux', architecture: arch },
    },
  };
}

/** Writes the bundle folder, then packs it as .tar.gz; returns the archive path. Reuses an existing one. */
export async function generateBundle(dir: string, name: string, spec: BundleSpec): Promise<string> {
  const archive = join(dir, `${name}.tar.gz`);
  if (existsSync(archive)) return archive;
  const rootName = 'support-bundle-2026-11-24T09_00_00';
  const work = join(dir, `${name}.work`);
  rmSync(work, { recursive: true, force: true });
  const root = join(work, rootName);
  const cr = join(root, 'cluster-resources');
  for (const sub of ['pods', 'events', 'serviceaccounts', 'deployments', join('pods', 'logs')]) mkdirSync(join(cr, sub), { recursive: true });
  writeFileSync(join(root, 'version.yaml'), 'apiVersion: troubleshoot.sh/v1beta2\nkind: SupportBundle\nspec:\n  versionNumber: v0.123.14\n');
  writeFileSync(join(cr, 'nodes.json'), JSON.stringify({ kind: 'NodeList', apiVersion: 'v1', metadata: { resourceVersion: '1' }, items: Array.from({ length: spec.nodes }, (_, i) => nodeObject(i)) }, null, 2));
  const namespaces = Math.ceil(spec.pods / spec.podsPerNamespace);
  let podIndex = 0;
  const failEvery = spec.failingShare > 0 ? Math.round(1 / spec.failingShare) : 0;
  const logPerNamespace = spec.logBytes > 0 ? Math.ceil(spec.logBytes / namespaces) : 0;
  const logLine = '2026-11-24T08:00:00.000Z INFO  request handled method=GET path=/api/v1/orders status=200 duration_ms=12 trace_id=4bf92f3577b34da6a3ce929d0e0e4736\n';
  for (let n = 0; n < namespaces; n++) {
    const ns = `team-${n.toString().padStart(4, '0')}`;
    const pods = [];
    const events = [];
    for (let k = 0; k < spec.podsPerNamespace && podIndex < spec.pods; k++, podIndex++) {
      const failing = failEvery > 0 && podIndex % failEvery === 0;
      const p = pod(ns, podIndex, spec, failing);
      pods.push(p);
      for (let e = 0; e < spec.eventsPerPod; e++) events.push(event(ns, p.metadata.name, e, podIndex, failing, p.spec.containers[0].image));
    }
    writeFileSync(join(cr, 'pods', `${ns}.json`), JSON.stringify({ kind: 'PodList', apiVersion: 'v1', metadata: { resourceVersion: '1' }, items: pods }, null, 2));
    writeFileSync(join(cr, 'events', `${ns}.json`), JSON.stringify({ kind: 'EventList', apiVersion: 'v1', metadata: { resourceVersion: '1' }, items: events }, null, 2));
    writeFileSync(join(cr, 'serviceaccounts', `${ns}.json`), JSON.stringify({ kind: 'ServiceAccountList', apiVersion: 'v1', metadata: {}, items: [{ kind: 'ServiceAccount', apiVersion: 'v1', metadata: { name: 'default', namespace: ns }, imagePullSecrets: [{ name: 'regcred' }] }] }, null, 2));
    writeFileSync(join(cr, 'deployments', `${ns}.json`), JSON.stringify({ kind: 'DeploymentList', apiVersion: 'apps/v1', metadata: {}, items: [] }, null, 2));
    if (logPerNamespace > 0) {
      const logDir = join(cr, 'pods', 'logs', ns, pods[0].metadata.name);
      mkdirSync(logDir, { recursive: true });
      const out = createWriteStream(join(logDir, 'app.log'));
      const chunk = logLine.repeat(Math.max(1, Math.floor((1 << 20) / logLine.length)));
      for (let written = 0; written < logPerNamespace; written += chunk.length) {
        if (!out.write(chunk)) await once(out, 'drain');
      }
      out.end();
      await once(out, 'finish');
    }
  }
  await tar.c({ gzip: { level: 1 }, file: archive, cwd: work, portable: true }, [rootName]);
  rmSync(work, { recursive: true, force: true });
  return archive;
}
