#!/usr/bin/env node
/**
 * Writes ONE small cluster in two capture layouts, from the single description
 * below, so that a test can check both layouts load into the same model:
 *
 *   samples/same-cluster-loose/                what a support engineer pastes:
 *     kubectl describe pods -n <ns>, kubectl get pods -n billing -o json,
 *     kubectl get events -A -o json, kubectl describe nodes, and the pull
 *     secret's .dockerconfigjson decoded with base64 -d
 *   samples/same-cluster-troubleshoot.tar.gz   a Replicated troubleshoot support bundle:
 *     version.yaml, cluster-resources/{pods,events,serviceaccounts}/<ns>.json,
 *     nodes.json, image-pull-secrets/<ns>/<secret>.json
 *
 * Output is byte-for-byte deterministic (ids are hashes of names, fixed times,
 * sorted tar entries with fixed mode/owner/mtime, gzip without a timestamp).
 * `node scripts/build-same-cluster.mjs --check` exits 1 when the checked-in
 * files differ from what this script writes.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const SAMPLES = fileURLToPath(new URL('../samples/', import.meta.url));
const LOOSE_DIR = 'same-cluster-loose';
const ARCHIVE = 'same-cluster-troubleshoot.tar.gz';
const CAPTURED = Date.parse('2026-11-21T10:15:00Z');
const BUNDLE_ROOT = 'support-bundle-2026-11-21T10_15_00';

// ---------------------------------------------------------------- the cluster

const NODES = [
  {
    name: 'worker-a',
    ip: '10.0.1.11',
    arch: 'amd64',
    runtime: 'containerd://1.7.22',
    kubelet: 'v1.30.5',
    kernel: '6.8.0-1015-aws',
    osImage: 'Ubuntu 24.04.1 LTS',
    podCIDR: '10.244.1.0/24',
    created: '2026-09-14T07:12:40Z',
    conditions: {},
  },
  {
    name: 'worker-b',
    ip: '10.0.1.12',
    arch: 'arm64',
    runtime: 'containerd://1.7.22',
    kubelet: 'v1.30.5',
    kernel: '6.8.0-1015-aws',
    osImage: 'Ubuntu 24.04.1 LTS',
    podCIDR: '10.244.2.0/24',
    created: '2026-09-14T07:13:05Z',
    // the image filesystem is filling up, still below the eviction threshold
    conditions: { DiskPressure: { status: 'False' } },
  },
];

const SERVICE_ACCOUNTS = [
  { namespace: 'shop', name: 'default', imagePullSecrets: [] },
  { namespace: 'shop', name: 'shop-deployer', imagePullSecrets: ['harbor-creds'] },
  { namespace: 'billing', name: 'default', imagePullSecrets: [] },
];

// The only pull secret. Fake credentials: podmortem must never print them.
const PULL_SECRET = { namespace: 'shop', name: 'harbor-creds', registry: 'harbor.acme.io', username: 'robot$shop-puller', password: 'FAKE-same-cluster-harbor-robot-token' };

const HARBOR_401 =
  'failed to pull and unpack image "harbor.acme.io/shop/cart:1.9.0": failed to resolve reference "harbor.acme.io/shop/cart:1.9.0": failed to authorize: failed to fetch oauth token: unexpected status from GET request to https://harbor.acme.io/service/token?scope=repository%3Ashop%2Fcart%3Apull&service=harbor-registry: 401 Unauthorized';
// kubelet >= 1.28 keeps the gRPC prefix for codes other than Unknown
const SEARCH_NOT_FOUND =
  'rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/acmeshop/search:7.3.0": failed to resolve reference "docker.io/acmeshop/search:7.3.0": docker.io/acmeshop/search:7.3.0: not found';
const MIGRATE_DNS =
  'failed to pull and unpack image "registry.acme.internal:5000/billing/migrate:4.1.0": failed to resolve reference "registry.acme.internal:5000/billing/migrate:4.1.0": failed to do request: Head "https://registry.acme.internal:5000/v2/billing/migrate/manifests/4.1.0": dial tcp: lookup registry.acme.internal on 10.0.0.2:53: no such host';

/**
 * Pods. `pull`: the pull history of a failing container (attempts, back-offs,
 * the runtime error); `running`: when it started. Minutes are before CAPTURED.
 */
const PODS = [
  {
    namespace: 'shop',
    name: 'storefront-7c9f8d6b5-x2k4m',
    owner: 'storefront-7c9f8d6b5',
    app: 'storefront',
    node: 'worker-a',
    ip: '10.244.1.23',
    serviceAccount: 'shop-deployer',
    createdMinAgo: 42,
    containers: [{ name: 'storefront', image: 'harbor.acme.io/shop/storefront:2.3.1', port: 8080, running: { pulledIn: '2.512s', size: 48213551 } }],
  },
  {
    namespace: 'shop',
    name: 'cart-6d8b7c9f4-q7w2n',
    owner: 'cart-6d8b7c9f4',
    app: 'cart',
    node: 'worker-a',
    ip: '10.244.1.31',
    serviceAccount: 'shop-deployer',
    createdMinAgo: 18,
    containers: [{ name: 'cart', image: 'harbor.acme.io/shop/cart:1.9.0', port: 8080, pull: { attempts: 5, backoffs: 61, cause: HARBOR_401, waiting: 'ImagePullBackOff' } }],
  },
  {
    namespace: 'shop',
    name: 'search-5b7d9c8f6-m3p8t',
    owner: 'search-5b7d9c8f6',
    app: 'search',
    node: 'worker-b',
    ip: '10.244.2.17',
    serviceAccount: 'default',
    createdMinAgo: 25,
    containers: [{ name: 'search', image: 'acmeshop/search:7.3.0', port: 9200, pull: { attempts: 7, backoffs: 98, cause: SEARCH_NOT_FOUND, waiting: 'ErrImagePull' } }],
  },
  {
    namespace: 'billing',
    name: 'invoices-7f6c5d8b9-r4t6y',
    owner: 'invoices-7f6c5d8b9',
    app: 'invoices',
    node: 'worker-b',
    ip: '10.244.2.29',
    serviceAccount: 'default',
    createdMinAgo: 12,
    initContainers: [{ name: 'migrate', image: 'registry.acme.internal:5000/billing/migrate:4.1.0', pull: { attempts: 4, backoffs: 39, cause: MIGRATE_DNS, waiting: 'ImagePullBackOff' } }],
    containers: [{ name: 'invoices', image: 'registry.acme.internal:5000/billing/invoices:4.1.0', port: 8080, initializing: true }],
  },
  {
    namespace: 'billing',
    name: 'ledger-5c4b3a2d1-h8j9k',
    owner: 'ledger-5c4b3a2d1',
    app: 'ledger',
    node: 'worker-a',
    ip: '10.244.1.40',
    serviceAccount: 'default',
    createdMinAgo: 55,
    containers: [{ name: 'postgres', image: 'postgres:16.4', port: 5432, running: { pulledIn: '8.104s', size: 158743242 } }],
  },
];

const NAMESPACES = ['billing', 'shop'];

// ---------------------------------------------------------------- helpers

const hex = (seed, n) => createHash('sha256').update(seed).digest('hex').slice(0, n);
const uid = (seed) => {
  const h = hex(seed, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
};
const at = (secondsAgo) => new Date(CAPTURED - secondsAgo * 1000);
const iso = (d) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const p2 = (n) => String(n).padStart(2, '0');
/** Go's RFC1123Z, as kubectl describe prints times (UTC here). */
const rfc1123z = (d) => `${DAYS[d.getUTCDay()]}, ${p2(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} +0000`;

/** k8s.io/apimachinery duration.HumanDuration, the ages kubectl shows. */
function humanDuration(seconds) {
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) return seconds % 60 === 0 ? `${minutes}m` : `${minutes}m${seconds % 60}s`;
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 8) return minutes % 60 === 0 ? `${hours}h` : `${hours}h${minutes % 60}m`;
  if (hours < 48) return `${hours}h`;
  return `${Math.floor(hours / 24)}d`;
}
const ageOf = (d) => humanDuration(Math.round((CAPTURED - d.getTime()) / 1000));

/** text/tabwriter with padding 2 and ' ' fill, as kubectl describe uses it: the last cell is not padded. */
function tabulate(rows) {
  const widths = [];
  for (const r of rows) r.slice(0, -1).forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, c.length)));
  return rows.map((r) => r.map((c, i) => (i < r.length - 1 ? c.padEnd(widths[i] + 2) : c)).join('').trimEnd() + '\n').join('');
}

/** kubectl prints JSON with keys sorted (objects go through map[string]interface{}), indented by 4. */
function sortKeys(v) {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys(v[k])]));
  return v;
}
const kubectlJson = (v) => JSON.stringify(sortKeys(v), null, 4) + '\n';
const goJson = (v) => JSON.stringify(v, null, 4);

const nodeOf = (name) => NODES.find((n) => n.name === name);
const allContainers = (pod) => [...(pod.initContainers ?? []).map((c) => ({ ...c, init: true })), ...pod.containers.map((c) => ({ ...c, init: false }))];
const secretsOf = (pod) => SERVICE_ACCOUNTS.find((s) => s.namespace === pod.namespace && s.name === pod.serviceAccount)?.imagePullSecrets ?? [];

// ---------------------------------------------------------------- events

/**
 * The events the scheduler and kubelet record for a pod, newest last, with the
 * counts and first/last times an aggregated kubelet event carries.
 */
function eventsOf(pod) {
  const created = pod.createdMinAgo * 60;
  const out = [];
  const add = (e) => out.push({ ...e, type: e.type ?? 'Normal', count: e.count ?? 1, last: e.last ?? e.first });
  add({ reason: 'Scheduled', component: 'default-scheduler', first: created, message: `Successfully assigned ${pod.namespace}/${pod.name} to ${pod.node}` });
  let t = created - 1;
  for (const c of allContainers(pod)) {
    const fieldPath = `spec.${c.init ? 'initContainers' : 'containers'}{${c.name}}`;
    const kube = { component: 'kubelet', host: pod.node, fieldPath };
    if (c.running) {
      add({ ...kube, reason: 'Pulling', first: t, message: `Pulling image "${c.image}"` });
      t -= Math.ceil(parseFloat(c.running.pulledIn));
      add({ ...kube, reason: 'Pulled', first: t, message: `Successfully pulled image "${c.image}" in ${c.running.pulledIn} (${c.running.pulledIn} including waiting). Image size: ${c.running.size} bytes.` });
      add({ ...kube, reason: 'Created', first: t, message: `Created container ${c.name}` });
      add({ ...kube, reason: 'Started', first: t, message: `Started container ${c.name}` });
    } else if (c.pull) {
      // the last real attempt came 5 minutes (the back-off cap) before the capture
      const lastTry = 5 * 60 + 2;
      add({ ...kube, reason: 'Pulling', first: t, last: lastTry, count: c.pull.attempts, message: `Pulling image "${c.image}"` });
      add({ ...kube, type: 'Warning', reason: 'Failed', first: t - 1, last: lastTry - 1, count: c.pull.attempts, message: `Failed to pull image "${c.image}": ${c.pull.cause}` });
      add({ ...kube, type: 'Warning', reason: 'Failed', first: t - 1, last: lastTry - 1, count: c.pull.attempts, message: 'Error: ErrImagePull' });
      add({ ...kube, reason: 'BackOff', first: t - 2, last: 9, count: c.pull.backoffs, message: `Back-off pulling image "${c.image}"` });
      add({ ...kube, type: 'Warning', reason: 'Failed', first: t - 2, last: 9, count: c.pull.backoffs, message: 'Error: ImagePullBackOff' });
    }
  }
  return out.map((e, i) => ({ ...e, id: `${pod.name}.${hex(`${pod.name}/${i}`, 16)}` }));
}

/** Seconds before the capture when a running container started: right after its Pulled event. */
function startedAgo(pod, c) {
  return eventsOf(pod).find((e) => e.reason === 'Started' && e.fieldPath.endsWith(`{${c.name}}`)).first;
}

function eventJson(pod, e) {
  const first = iso(at(e.first));
  return {
    apiVersion: 'v1',
    count: e.count,
    eventTime: null,
    firstTimestamp: first,
    involvedObject: {
      apiVersion: 'v1',
      ...(e.fieldPath ? { fieldPath: e.fieldPath } : {}),
      kind: 'Pod',
      name: pod.name,
      namespace: pod.namespace,
      resourceVersion: String(800000 + pod.createdMinAgo * 97),
      uid: uid(`pod/${pod.namespace}/${pod.name}`),
    },
    kind: 'Event',
    lastTimestamp: iso(at(e.last)),
    message: e.message,
    metadata: { creationTimestamp: first, name: e.id, namespace: pod.namespace, resourceVersion: String(900000 + e.first), uid: uid(`event/${e.id}`) },
    reason: e.reason,
    reportingComponent: e.component === 'kubelet' ? 'kubelet' : 'default-scheduler',
    reportingInstance: e.component === 'kubelet' ? pod.node : '',
    source: e.component === 'kubelet' ? { component: 'kubelet', host: pod.node } : { component: 'default-scheduler' },
    type: e.type,
  };
}

// ---------------------------------------------------------------- pods as JSON

function containerStatus(pod, c) {
  const base = { image: c.image, imageID: '', name: c.name, ready: false, restartCount: 0, started: false };
  if (c.running) {
    const digest = hex(`digest/${c.image}`, 64);
    const repo = c.image.includes('/') && c.image.split('/')[0].includes('.') ? c.image.replace(/:[^:/]+$/, '') : `docker.io/library/${c.image.replace(/:[^:/]+$/, '')}`;
    return {
      ...base,
      containerID: `containerd://${hex(`cid/${pod.name}/${c.name}`, 64)}`,
      image: c.image.includes('/') ? c.image : `docker.io/library/${c.image}`,
      imageID: `${repo}@sha256:${digest}`,
      ready: true,
      started: true,
      state: { running: { startedAt: iso(at(startedAgo(pod, c))) } },
    };
  }
  if (c.initializing) return { ...base, state: { waiting: { reason: 'PodInitializing' } } };
  const message = c.pull.waiting === 'ErrImagePull' ? c.pull.cause : `Back-off pulling image "${c.image}"`;
  return { ...base, state: { waiting: { message, reason: c.pull.waiting } } };
}

function podJson(pod) {
  const running = pod.containers.every((c) => c.running);
  const created = iso(at(pod.createdMinAgo * 60));
  const secrets = secretsOf(pod);
  const spec = (c) => ({
    image: c.image,
    imagePullPolicy: 'IfNotPresent',
    name: c.name,
    ...(c.port ? { ports: [{ containerPort: c.port, protocol: 'TCP' }] } : {}),
    resources: { limits: { memory: '512Mi' }, requests: { cpu: '100m', memory: '256Mi' } },
    terminationMessagePath: '/dev/termination-log',
    terminationMessagePolicy: 'File',
    volumeMounts: [{ mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', name: `kube-api-access-${pod.name.slice(-5)}`, readOnly: true }],
  });
  const initDone = (pod.initContainers ?? []).every((c) => c.running);
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      creationTimestamp: created,
      generateName: `${pod.owner}-`,
      labels: { app: pod.app, 'pod-template-hash': pod.owner.slice(pod.app.length + 1) },
      name: pod.name,
      namespace: pod.namespace,
      ownerReferences: [{ apiVersion: 'apps/v1', blockOwnerDeletion: true, controller: true, kind: 'ReplicaSet', name: pod.owner, uid: uid(`rs/${pod.namespace}/${pod.owner}`) }],
      resourceVersion: String(800000 + pod.createdMinAgo * 97),
      uid: uid(`pod/${pod.namespace}/${pod.name}`),
    },
    spec: {
      containers: pod.containers.map(spec),
      dnsPolicy: 'ClusterFirst',
      enableServiceLinks: true,
      // the ServiceAccount admission plugin copies the account's imagePullSecrets into the pod
      ...(secrets.length ? { imagePullSecrets: secrets.map((name) => ({ name })) } : {}),
      ...(pod.initContainers ? { initContainers: pod.initContainers.map(spec) } : {}),
      nodeName: pod.node,
      preemptionPolicy: 'PreemptLowerPriority',
      priority: 0,
      restartPolicy: 'Always',
      schedulerName: 'default-scheduler',
      securityContext: {},
      serviceAccount: pod.serviceAccount,
      serviceAccountName: pod.serviceAccount,
      terminationGracePeriodSeconds: 30,
      tolerations: [
        { effect: 'NoExecute', key: 'node.kubernetes.io/not-ready', operator: 'Exists', tolerationSeconds: 300 },
        { effect: 'NoExecute', key: 'node.kubernetes.io/unreachable', operator: 'Exists', tolerationSeconds: 300 },
      ],
      volumes: [{ name: `kube-api-access-${pod.name.slice(-5)}`, projected: { defaultMode: 420, sources: [{ serviceAccountToken: { expirationSeconds: 3607, path: 'token' } }, { configMap: { items: [{ key: 'ca.crt', path: 'ca.crt' }], name: 'kube-root-ca.crt' } }] } }],
    },
    status: {
      conditions: [
        { lastProbeTime: null, lastTransitionTime: created, status: 'True', type: 'PodReadyToStartContainers' },
        { lastProbeTime: null, lastTransitionTime: created, status: initDone ? 'True' : 'False', type: 'Initialized', ...(initDone ? {} : { message: `containers with incomplete status: [${pod.initContainers.map((c) => c.name).join(' ')}]`, reason: 'ContainersNotInitialized' }) },
        { lastProbeTime: null, lastTransitionTime: created, status: running ? 'True' : 'False', type: 'Ready', ...(running ? {} : { message: `containers with unready status: [${pod.containers.map((c) => c.name).join(' ')}]`, reason: 'ContainersNotReady' }) },
        { lastProbeTime: null, lastTransitionTime: created, status: running ? 'True' : 'False', type: 'ContainersReady', ...(running ? {} : { message: `containers with unready status: [${pod.containers.map((c) => c.name).join(' ')}]`, reason: 'ContainersNotReady' }) },
        { lastProbeTime: null, lastTransitionTime: created, status: 'True', type: 'PodScheduled' },
      ],
      containerStatuses: pod.containers.map((c) => containerStatus(pod, c)),
      hostIP: nodeOf(pod.node).ip,
      hostIPs: [{ ip: nodeOf(pod.node).ip }],
      ...(pod.initContainers ? { initContainerStatuses: pod.initContainers.map((c) => containerStatus(pod, c)) } : {}),
      phase: running ? 'Running' : 'Pending',
      podIP: pod.ip,
      podIPs: [{ ip: pod.ip }],
      qosClass: 'Burstable',
      startTime: created,
    },
  };
}

// ---------------------------------------------------------------- nodes as JSON

const CONDITIONS = [
  ['MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'],
  ['DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'],
  ['PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'],
  ['Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'],
];

function nodeConditions(node) {
  const heartbeat = at(41);
  return CONDITIONS.map(([type, status, reason, message]) => ({ type, status: node.conditions[type]?.status ?? status, reason, message, heartbeat, transition: new Date(Date.parse(node.created) + (type === 'Ready' ? 31000 : 0)) }));
}

function nodeJson(node) {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      annotations: { 'node.alpha.kubernetes.io/ttl': '0', 'volumes.kubernetes.io/controller-managed-attach-detach': 'true' },
      creationTimestamp: node.created,
      labels: { 'beta.kubernetes.io/arch': node.arch, 'beta.kubernetes.io/os': 'linux', 'kubernetes.io/arch': node.arch, 'kubernetes.io/hostname': node.name, 'kubernetes.io/os': 'linux' },
      name: node.name,
      resourceVersion: String(700000 + node.ip.length),
      uid: uid(`node/${node.name}`),
    },
    spec: { podCIDR: node.podCIDR, podCIDRs: [node.podCIDR] },
    status: {
      addresses: [{ address: node.ip, type: 'InternalIP' }, { address: node.name, type: 'Hostname' }],
      allocatable: { cpu: '4', 'ephemeral-storage': '76224326324', memory: '15902520Ki', pods: '110' },
      capacity: { cpu: '4', 'ephemeral-storage': '82706364Ki', memory: '16004920Ki', pods: '110' },
      conditions: nodeConditions(node).map((c) => ({ lastHeartbeatTime: iso(c.heartbeat), lastTransitionTime: iso(c.transition), message: c.message, reason: c.reason, status: c.status, type: c.type })),
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        architecture: node.arch,
        bootID: uid(`boot/${node.name}`),
        containerRuntimeVersion: node.runtime,
        kernelVersion: node.kernel,
        kubeProxyVersion: node.kubelet,
        kubeletVersion: node.kubelet,
        machineID: hex(`machine/${node.name}`, 32),
        operatingSystem: 'linux',
        osImage: node.osImage,
        systemUUID: uid(`system/${node.name}`),
      },
    },
  };
}

// ---------------------------------------------------------------- describe text

function describeContainer(pod, c) {
  const s = containerStatus(pod, c);
  const lines = [
    `  ${c.name}:`,
    `    Container ID:   ${s.containerID ?? ''}`,
    `    Image:          ${c.image}`,
    `    Image ID:       ${s.imageID}`,
    `    Port:           ${c.port ? `${c.port}/TCP` : '<none>'}`,
    `    Host Port:      ${c.port ? '0/TCP' : '<none>'}`,
  ];
  if (s.state.running) lines.push('    State:          Running', `      Started:      ${rfc1123z(new Date(s.state.running.startedAt))}`);
  else lines.push('    State:          Waiting', `      Reason:       ${s.state.waiting.reason}`);
  lines.push(
    `    Ready:          ${s.ready ? 'True' : 'False'}`,
    '    Restart Count:  0',
    '    Limits:',
    '      memory:  512Mi',
    '    Requests:',
    '      cpu:        100m',
    '      memory:     256Mi',
    '    Environment:  <none>',
    '    Mounts:',
    `      /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-${pod.name.slice(-5)} (ro)`,
  );
  return lines.join('\n') + '\n';
}

function describeEvents(pod) {
  const rows = [
    ['  Type', 'Reason', 'Age', 'From', 'Message'],
    ['  ----', '------', '----', '----', '-------'],
  ];
  for (const e of eventsOf(pod)) {
    const age = e.count > 1 ? `${humanDuration(e.last)} (x${e.count} over ${humanDuration(e.first)})` : humanDuration(e.first);
    rows.push([`  ${e.type}`, e.reason, age, e.component, e.message]);
  }
  return 'Events:\n' + tabulate(rows);
}

function describePod(pod) {
  const json = podJson(pod);
  const node = nodeOf(pod.node);
  const init = json.status.conditions.find((c) => c.type === 'Initialized').status;
  const ready = json.status.conditions.find((c) => c.type === 'Ready').status;
  let out =
    `Name:             ${pod.name}\n` +
    `Namespace:        ${pod.namespace}\n` +
    'Priority:         0\n' +
    `Service Account:  ${pod.serviceAccount}\n` +
    `Node:             ${pod.node}/${node.ip}\n` +
    `Start Time:       ${rfc1123z(at(pod.createdMinAgo * 60))}\n` +
    `Labels:           app=${pod.app}\n` +
    `                  pod-template-hash=${json.metadata.labels['pod-template-hash']}\n` +
    'Annotations:      <none>\n' +
    `Status:           ${json.status.phase}\n` +
    `IP:               ${pod.ip}\n` +
    'IPs:\n' +
    `  IP:           ${pod.ip}\n` +
    `Controlled By:  ReplicaSet/${pod.owner}\n`;
  if (pod.initContainers) out += 'Init Containers:\n' + pod.initContainers.map((c) => describeContainer(pod, c)).join('');
  out += 'Containers:\n' + pod.containers.map((c) => describeContainer(pod, c)).join('');
  out += tabulate([
    ['Conditions:'],
    ['  Type', 'Status'],
    ['  PodReadyToStartContainers', 'True'],
    ['  Initialized', init],
    ['  Ready', ready],
    ['  ContainersReady', ready],
    ['  PodScheduled', 'True'],
  ]).replace(/ (True|False)\n/g, ' $1 \n'); // kubectl leaves a space after the status
  out +=
    'Volumes:\n' +
    `  kube-api-access-${pod.name.slice(-5)}:\n` +
    '    Type:                    Projected (a volume that contains injected data from multiple sources)\n' +
    '    TokenExpirationSeconds:  3607\n' +
    '    ConfigMapName:           kube-root-ca.crt\n' +
    '    ConfigMapOptional:       <nil>\n' +
    '    DownwardAPI:             true\n' +
    'QoS Class:                   Burstable\n' +
    'Node-Selectors:              <none>\n' +
    'Tolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s\n' +
    '                             node.kubernetes.io/unreachable:NoExecute op=Exists for 300s\n';
  return out + describeEvents(pod);
}

function describeNode(node) {
  const pods = PODS.filter((p) => p.node === node.name);
  const conds = nodeConditions(node);
  let out =
    `Name:               ${node.name}\n` +
    'Roles:              <none>\n' +
    `Labels:             beta.kubernetes.io/arch=${node.arch}\n` +
    '                    beta.kubernetes.io/os=linux\n' +
    `                    kubernetes.io/arch=${node.arch}\n` +
    `                    kubernetes.io/hostname=${node.name}\n` +
    '                    kubernetes.io/os=linux\n' +
    'Annotations:        node.alpha.kubernetes.io/ttl: 0\n' +
    '                    volumes.kubernetes.io/controller-managed-attach-detach: true\n' +
    `CreationTimestamp:  ${rfc1123z(new Date(node.created))}\n` +
    'Taints:             <none>\n' +
    'Unschedulable:      false\n' +
    'Lease:\n' +
    `  HolderIdentity:  ${node.name}\n` +
    '  AcquireTime:     <unset>\n' +
    `  RenewTime:       ${rfc1123z(at(3))}\n`;
  out += tabulate([
    ['Conditions:'],
    ['  Type', 'Status', 'LastHeartbeatTime', 'LastTransitionTime', 'Reason', 'Message'],
    ['  ----', '------', '-----------------', '------------------', '------', '-------'],
    ...conds.map((c) => [`  ${c.type}`, c.status, rfc1123z(c.heartbeat), rfc1123z(c.transition), c.reason, c.message]),
  ]);
  out +=
    'Addresses:\n' +
    `  InternalIP:  ${node.ip}\n` +
    `  Hostname:    ${node.name}\n` +
    'Capacity:\n' +
    '  cpu:                4\n' +
    '  ephemeral-storage:  82706364Ki\n' +
    '  memory:             16004920Ki\n' +
    '  pods:               110\n' +
    'Allocatable:\n' +
    '  cpu:                4\n' +
    '  ephemeral-storage:  76224326324\n' +
    '  memory:             15902520Ki\n' +
    '  pods:               110\n' +
    'System Info:\n' +
    `  Machine ID:                 ${hex(`machine/${node.name}`, 32)}\n` +
    `  System UUID:                ${uid(`system/${node.name}`)}\n` +
    `  Boot ID:                    ${uid(`boot/${node.name}`)}\n` +
    `  Kernel Version:             ${node.kernel}\n` +
    `  OS Image:                   ${node.osImage}\n` +
    '  Operating System:           linux\n' +
    `  Architecture:               ${node.arch}\n` +
    `  Container Runtime Version:  ${node.runtime}\n` +
    `  Kubelet Version:            ${node.kubelet}\n` +
    `  Kube-Proxy Version:         ${node.kubelet}\n` +
    `PodCIDR:                      ${node.podCIDR}\n` +
    `PodCIDRs:                     ${node.podCIDR}\n` +
    `Non-terminated Pods:          (${pods.length} in total)\n`;
  out += tabulate([
    ['  Namespace', 'Name', 'CPU Requests', 'CPU Limits', 'Memory Requests', 'Memory Limits', 'Age'],
    ['  ---------', '----', '------------', '----------', '---------------', '-------------', '---'],
    ...pods.map((p) => [`  ${p.namespace}`, p.name, '100m (2%)', '0 (0%)', '256Mi (1%)', '512Mi (3%)', ageOf(at(p.createdMinAgo * 60))]),
  ]);
  out +=
    'Allocated resources:\n' +
    '  (Total limits may be over 100 percent, i.e., overcommitted.)\n' +
    tabulate([
      ['  Resource', 'Requests', 'Limits'],
      ['  --------', '--------', '------'],
      ['  cpu', `${pods.length * 100}m (${pods.length * 2}%)`, '0 (0%)'],
      ['  memory', `${pods.length * 256}Mi (${Math.round((pods.length * 256 * 1024 * 100) / 15902520)}%)`, `${pods.length * 512}Mi (${Math.round((pods.length * 512 * 1024 * 100) / 15902520)}%)`],
      ['  ephemeral-storage', '0 (0%)', '0 (0%)'],
    ]) +
    'Events:              <none>\n';
  return out;
}

// ---------------------------------------------------------------- the two layouts

function looseFiles() {
  const files = {};
  // kubectl describe pods -n <ns>: pods separated by two blank lines
  for (const ns of NAMESPACES) files[`describe-pods-${ns}.txt`] = PODS.filter((p) => p.namespace === ns).map(describePod).join('\n\n');
  // only the billing pods were also saved as JSON
  files['pods-billing.json'] = kubectlJson({ apiVersion: 'v1', items: PODS.filter((p) => p.namespace === 'billing').map(podJson), kind: 'List', metadata: { resourceVersion: '' } });
  files['events.json'] = kubectlJson({ apiVersion: 'v1', items: PODS.flatMap((p) => eventsOf(p).map((e) => eventJson(p, e))), kind: 'List', metadata: { resourceVersion: '' } });
  files['describe-nodes.txt'] = NODES.map(describeNode).join('\n\n');
  // kubectl get secret harbor-creds -n shop -o jsonpath='{.data.\.dockerconfigjson}' | base64 -d
  files['harbor-creds.dockerconfig.json'] = JSON.stringify({ auths: { [PULL_SECRET.registry]: { username: PULL_SECRET.username, password: PULL_SECRET.password, auth: Buffer.from(`${PULL_SECRET.username}:${PULL_SECRET.password}`).toString('base64') } } });
  return files;
}

function troubleshootFiles() {
  const files = {};
  const list = (kind, items) => goJson({ kind, apiVersion: 'v1', metadata: { resourceVersion: '918440' }, items });
  files['version.yaml'] = 'apiVersion: troubleshoot.sh/v1beta2\nkind: SupportBundle\nmetadata:\n  creationTimestamp: null\nspec:\n  versionNumber: v0.123.14\n';
  for (const ns of NAMESPACES) {
    const pods = PODS.filter((p) => p.namespace === ns);
    files[`cluster-resources/pods/${ns}.json`] = list('PodList', pods.map(podJson));
    files[`cluster-resources/events/${ns}.json`] = list('EventList', pods.flatMap((p) => eventsOf(p).map((e) => eventJson(p, e))));
    files[`cluster-resources/serviceaccounts/${ns}.json`] = list(
      'ServiceAccountList',
      SERVICE_ACCOUNTS.filter((s) => s.namespace === ns).map((s) => ({
        apiVersion: 'v1',
        kind: 'ServiceAccount',
        metadata: { creationTimestamp: '2026-09-14T07:20:11Z', name: s.name, namespace: s.namespace, resourceVersion: '4107', uid: uid(`sa/${s.namespace}/${s.name}`) },
        ...(s.imagePullSecrets.length ? { imagePullSecrets: s.imagePullSecrets.map((name) => ({ name })) } : {}),
      })),
    );
  }
  files['cluster-resources/nodes.json'] = list('NodeList', NODES.map(nodeJson));
  // troubleshoot keeps only {"<registry>":"<username>"} of a dockerconfigjson secret
  files[`cluster-resources/image-pull-secrets/${PULL_SECRET.namespace}/${PULL_SECRET.name}.json`] = JSON.stringify({ [PULL_SECRET.registry]: PULL_SECRET.username });
  return Object.fromEntries(Object.entries(files).map(([k, v]) => [`${BUNDLE_ROOT}/${k}`, v]));
}

// ---------------------------------------------------------------- tar.gz

const MTIME = Math.floor(CAPTURED / 1000);

function tarHeader(path, size, isDir) {
  if (Buffer.byteLength(path) > 100) throw new Error(`path too long for a plain ustar name: ${path}`);
  const h = Buffer.alloc(512);
  const field = (value, offset, width) => h.write(value, offset, width, 'ascii');
  const num = (n, offset, width) => field(n.toString(8).padStart(width - 1, '0') + '\0', offset, width);
  h.write(path, 0, 100, 'utf8');
  num(isDir ? 0o700 : 0o600, 100, 8);
  num(0, 108, 8);
  num(0, 116, 8);
  num(size, 124, 12);
  num(MTIME, 136, 12);
  field('        ', 148, 8);
  field(isDir ? '5' : '0', 156, 1);
  field('ustar\0' + '00', 257, 8);
  let sum = 0;
  for (const b of h) sum += b;
  field(sum.toString(8).padStart(6, '0') + '\0 ', 148, 8);
  return h;
}

function tarGz(files) {
  const dirs = new Set();
  for (const p of Object.keys(files)) for (let i = p.indexOf('/'); i !== -1; i = p.indexOf('/', i + 1)) dirs.add(p.slice(0, i + 1));
  const entries = [...[...dirs].map((d) => [d, null]), ...Object.entries(files)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const parts = [];
  for (const [path, text] of entries) {
    const body = text === null ? Buffer.alloc(0) : Buffer.from(text, 'utf8');
    parts.push(tarHeader(path, body.length, text === null), body, Buffer.alloc((512 - (body.length % 512)) % 512));
  }
  parts.push(Buffer.alloc(1024));
  // gzip from zlib writes MTIME 0, so equal input gives equal bytes
  return gzipSync(Buffer.concat(parts), { level: 9 });
}

// ---------------------------------------------------------------- write / check

function main() {
  const check = process.argv.includes('--check');
  const loose = looseFiles();
  const archive = tarGz(troubleshootFiles());
  const looseRoot = join(SAMPLES, LOOSE_DIR);
  const stale = [];
  if (check) {
    const have = existsSync(looseRoot) ? readdirSync(looseRoot).sort() : [];
    if (have.join('\n') !== Object.keys(loose).sort().join('\n')) stale.push(`${LOOSE_DIR}/ (file list)`);
    for (const [name, text] of Object.entries(loose)) if (!existsSync(join(looseRoot, name)) || readFileSync(join(looseRoot, name), 'utf8') !== text) stale.push(`${LOOSE_DIR}/${name}`);
    if (!existsSync(join(SAMPLES, ARCHIVE)) || !readFileSync(join(SAMPLES, ARCHIVE)).equals(archive)) stale.push(ARCHIVE);
    if (stale.length) {
      process.stderr.write(`out of date (run node scripts/build-same-cluster.mjs): ${stale.join(', ')}\n`);
      process.exit(1);
    }
    process.stdout.write('same-cluster samples are current\n');
    return;
  }
  rmSync(looseRoot, { recursive: true, force: true });
  for (const [name, text] of Object.entries(loose)) {
    mkdirSync(dirname(join(looseRoot, name)), { recursive: true });
    writeFileSync(join(looseRoot, name), text);
  }
  writeFileSync(join(SAMPLES, ARCHIVE), archive);
  process.stdout.write(`wrote samples/${LOOSE_DIR}/ (${Object.keys(loose).length} files) and samples/${ARCHIVE} (${archive.length} bytes)\n`);
}

main();
