/**
 * The minimal bundle for one labelled case, as ../shared/cases/README.md
 * prescribes: one pod with one container on one node, the message either as
 * an event or as the container's waiting message, pull secrets only where
 * the label says credentials were presented. Produced as the JSON texts
 * `kubectl get -o json` would write (PodList, EventList, NodeList), so the
 * real parsers read them.
 */
import type { EvalCase } from './cases.js';

export const CASE_NAMESPACE = 'eval';
export const CASE_NODE = 'ip-10-0-1-23.eu-west-1.compute.internal';
const CASE_TIME = '2026-11-20T14:00:00Z';

export interface CaseBundle {
  /** file name -> JSON text */
  files: Record<string, string>;
  /** `ns/pod/container`, the subject whose primary finding is compared with the label */
  subject: string;
}

/** Labels that mean credentials were presented: only these cases get a pull secret reference. */
const PRESENTED_CREDENTIALS = new Set(['auth-rejected', 'auth-forbidden']);

export function buildCaseBundle(c: EvalCase, index: number): CaseBundle {
  const pod = `eval-${String(index).padStart(3, '0')}-7d9c6b5f4d-x2x9k`;
  const container = 'app';
  const waiting: Record<string, string> = { reason: c.waitingReason };
  if (c.source === 'waiting.message') waiting.message = c.message;

  const spec: Record<string, unknown> = {
    containers: [{ name: container, image: c.image, imagePullPolicy: c.waitingReason === 'ErrImageNeverPull' ? 'Never' : 'IfNotPresent' }],
    nodeName: CASE_NODE,
    serviceAccountName: 'default',
    restartPolicy: 'Always',
  };
  if (PRESENTED_CREDENTIALS.has(c.category)) spec.imagePullSecrets = [{ name: 'regcred' }];

  const podObj = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: pod, namespace: CASE_NAMESPACE, uid: `uid-${index}`, creationTimestamp: CASE_TIME },
    spec,
    status: {
      phase: 'Pending',
      hostIP: '10.0.1.23',
      containerStatuses: [{ name: container, image: c.image, imageID: '', ready: false, restartCount: 0, started: false, state: { waiting } }],
    },
  };

  const events: unknown[] = [];
  if (c.source === 'event') {
    if (c.eventReason === 'FreeDiskSpaceFailed') {
      events.push(event(c, { kind: 'Node', name: CASE_NODE, uid: CASE_NODE }, 'default', 'Warning'));
    } else if (c.eventReason === 'FailedToRetrieveImagePullSecret') {
      events.push(event(c, { kind: 'Pod', name: pod, namespace: CASE_NAMESPACE, uid: `uid-${index}` }, CASE_NAMESPACE, 'Warning'));
    } else {
      const type = c.eventReason === 'BackOff' ? 'Normal' : 'Warning';
      const io = { kind: 'Pod', name: pod, namespace: CASE_NAMESPACE, uid: `uid-${index}`, fieldPath: `spec.containers{${container}}` };
      events.push(event(c, io, CASE_NAMESPACE, type));
    }
  }

  const nodeObj = {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: CASE_NODE, labels: { 'kubernetes.io/arch': nodeArchitecture(c.message), 'kubernetes.io/os': 'linux', 'kubernetes.io/hostname': CASE_NODE } },
    status: {
      conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' }],
      nodeInfo: {
        architecture: nodeArchitecture(c.message),
        operatingSystem: 'linux',
        containerRuntimeVersion: runtimeVersion(c),
        kubeletVersion: `v${c.kubelet}.0`,
        osImage: 'Ubuntu 22.04.4 LTS',
        kernelVersion: '5.15.0-1063-aws',
      },
    },
  };

  return {
    files: {
      'pods.json': JSON.stringify(list('PodList', [podObj]), null, 2),
      'events.json': JSON.stringify(list('EventList', events), null, 2),
      'nodes.json': JSON.stringify(list('NodeList', [nodeObj]), null, 2),
    },
    subject: `${CASE_NAMESPACE}/${pod}/${container}`,
  };
}

function event(c: EvalCase, involvedObject: Record<string, string>, namespace: string, type: string): unknown {
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: `${involvedObject.name}.17a1b2c3d4e5f6a7`, namespace },
    involvedObject: { apiVersion: 'v1', ...involvedObject },
    reason: c.eventReason,
    message: c.message,
    type,
    count: 4,
    firstTimestamp: '2026-11-20T13:50:00Z',
    lastTimestamp: CASE_TIME,
    source: { component: 'kubelet', host: CASE_NODE },
  };
}

function list(kind: string, items: unknown[]): unknown {
  return { apiVersion: 'v1', kind, items, metadata: { resourceVersion: '' } };
}

const ARCHES = ['amd64', 'arm64', 'arm', '386', 'ppc64le', 's390x', 'riscv64'];

/** amd64 unless the message names the node's platform (CRI-O `architecture "arm64"`, Docker `for linux/arm64/v8`). */
export function nodeArchitecture(message: string): string {
  for (const marker of ['architecture "', 'architecture ', 'no matching manifest for linux/']) {
    const at = message.indexOf(marker);
    if (at < 0) continue;
    const rest = message.slice(at + marker.length, at + marker.length + 16);
    const arch = ARCHES.find((a) => rest.startsWith(a) && !/[a-z0-9]/.test(rest.charAt(a.length)));
    if (arch) return arch;
  }
  return 'amd64';
}

function runtimeVersion(c: EvalCase): string {
  const v = c.runtimeVersion ?? '1.7.13';
  if (c.runtime === 'cri-o') return `cri-o://${v}`;
  if (c.runtime === 'docker') return `docker://${v}`;
  return `containerd://${v}`;
}
