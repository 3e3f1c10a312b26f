/**
 * Builders for the hostile corpus. Everything is generated at test time into
 * temp dirs; realistic shapes (kubectl JSON, containerd messages) so a good
 * file beside the bad ones still yields a real finding.
 */

/** The containerd 1.7 message for a tag that does not exist. */
export function notFoundMessage(image: string): string {
  return `rpc error: code = NotFound desc = failed to pull and unpack image "${image}": failed to resolve reference "${image}": ${image}: not found`;
}

export interface PodSpec {
  namespace?: string;
  name: string;
  container?: string;
  image: string;
  message: string;
  node?: string;
  env?: { name: string; value: string }[];
  pullSecrets?: string[];
}

export function podObject(p: PodSpec): Record<string, unknown> {
  const container = p.container ?? 'app';
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: p.name, namespace: p.namespace ?? 'shop', uid: `uid-${p.name.length}`, creationTimestamp: '2026-11-20T09:00:00Z' },
    spec: {
      nodeName: p.node ?? 'ip-10-0-1-23.eu-west-1.compute.internal',
      containers: [{ name: container, image: p.image, imagePullPolicy: 'IfNotPresent', ...(p.env ? { env: p.env } : {}) }],
      ...(p.pullSecrets ? { imagePullSecrets: p.pullSecrets.map((name) => ({ name })) } : {}),
    },
    status: {
      phase: 'Pending',
      containerStatuses: [
        { name: container, image: p.image, imageID: '', ready: false, restartCount: 0, started: false, state: { waiting: { reason: 'ErrImagePull', message: p.message } } },
      ],
    },
  };
}

export function podList(...pods: PodSpec[]): string {
  return JSON.stringify({ apiVersion: 'v1', kind: 'List', metadata: { resourceVersion: '' }, items: pods.map(podObject) }, null, 2) + '\n';
}

export interface EventSpec {
  namespace?: string;
  pod: string;
  message: string;
  reason?: string;
  type?: string;
}

export function eventList(...events: EventSpec[]): string {
  return (
    JSON.stringify(
      {
        apiVersion: 'v1',
        kind: 'List',
        items: events.map((e, i) => ({
          apiVersion: 'v1',
          kind: 'Event',
          metadata: { name: `${e.pod}.17a${i}`, namespace: e.namespace ?? 'shop' },
          involvedObject: { kind: 'Pod', name: e.pod, namespace: e.namespace ?? 'shop', fieldPath: 'spec.containers{app}' },
          reason: e.reason ?? 'Failed',
          type: e.type ?? 'Warning',
          message: e.message,
          source: { component: 'kubelet', host: 'ip-10-0-1-23.eu-west-1.compute.internal' },
          count: 3,
          firstTimestamp: '2026-11-20T09:01:00Z',
          lastTimestamp: '2026-11-20T09:05:00Z',
        })),
      },
      null,
      2,
    ) + '\n'
  );
}

/** A healthy-looking good file whose one finding proves the rest of the bundle was still analyzed. */
export const GOOD_IMAGE = 'registry.example.com/shop/cart-api:9.9.9-missing';
export const GOOD_POD = 'cart-api-7f9b6c5d84-t6wzr';
export const goodPods = (): string => podList({ name: GOOD_POD, container: 'cart-api', image: GOOD_IMAGE, message: notFoundMessage(GOOD_IMAGE) });
