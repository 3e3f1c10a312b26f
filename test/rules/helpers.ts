/** Builds small Models by hand for engine tests, without the parsers or the model builder. */
import { parseImageReference } from '../../src/model/image-reference.js';
import type { Capability, Container, Model, ModelEvent, Node, Pod, PullSecret } from '../../src/model/types.js';
import type { ContainerStateRecord, DockerAuthEntry } from '../../src/parsers/records.js';
import { registryKeyOf } from '../../src/model/keyring.js';

export function event(reason: string, message: string, opts: Partial<ModelEvent> & { line?: number; file?: string } = {}): ModelEvent {
  const { line, file, ...rest } = opts;
  return {
    kind: 'event',
    origin: 'json',
    involvedObject: { kind: 'Pod', name: 'x' },
    type: reason === 'BackOff' || reason === 'Pulling' ? 'Normal' : 'Warning',
    reason,
    message,
    count: 1,
    source: { file: file ?? 'cluster-resources/events/default.json', line: line ?? 1 },
    duplicates: [],
    ...rest,
  };
}

export function container(name: string, image: string, state?: ContainerStateRecord, events: ModelEvent[] = [], init = false): Container {
  return {
    name,
    init,
    image: parseImageReference(image),
    state,
    source: { file: 'cluster-resources/pods/default.json', line: 10 },
    stateSource: { file: 'cluster-resources/pods/default.json', line: 40 },
    events,
  };
}

export function pod(namespace: string, name: string, containers: Container[], extra: Partial<Pod> = {}): Pod {
  return {
    namespace,
    name,
    phase: 'Pending',
    pullSecrets: [],
    containers,
    events: [],
    sources: [{ file: 'cluster-resources/pods/default.json', line: 2 }],
    workload: { kind: 'Deployment', name: name.replace(/-[a-z0-9]+-[a-z0-9]+$/, '') },
    ...extra,
  };
}

export function node(name: string, extra: Partial<Node> = {}): Node {
  return {
    name,
    labels: {},
    conditions: [],
    taints: [],
    source: { file: 'cluster-resources/nodes.json', line: 3 },
    events: [],
    files: { journals: [] },
    ...extra,
  };
}

export function credential(key: string, username: string, extra: Partial<DockerAuthEntry> = {}): PullSecret['credentials'][number] {
  return {
    key,
    username,
    hasPassword: true,
    hasAuth: true,
    authValid: true,
    hasIdentityToken: false,
    hasRegistryToken: false,
    fingerprint: '1a2b3c4d',
    problems: [],
    source: { file: 'cluster-resources/secrets/default.json', line: 7 },
    ...extra,
    match: registryKeyOf(key),
  };
}

export function pullSecret(namespace: string, name: string, creds: PullSecret['credentials']): PullSecret {
  return { namespace, name, type: 'kubernetes.io/dockerconfigjson', origin: 'json', credentials: creds, problems: [], valuesElided: false, source: { file: `cluster-resources/secrets/${namespace}.json`, line: 5 } };
}

export function model(pods: Pod[], opts: { nodes?: Node[]; capabilities?: Capability[] } = {}): Model {
  const nodes = new Map((opts.nodes ?? []).map((n) => [n.name, n]));
  for (const p of pods) if (p.nodeName) p.node = nodes.get(p.nodeName);
  return {
    layout: 'troubleshoot',
    pods,
    podIndex: new Map(pods.map((p) => [`${p.namespace}/${p.name}`, p])),
    nodes,
    serviceAccounts: new Map(),
    pullSecrets: new Map(),
    looseDockerConfigs: [],
    secretNamespacesCaptured: new Set(),
    orphanEvents: [],
    eventCount: pods.reduce((n, p) => n + p.events.length + p.containers.reduce((m, c) => m + c.events.length, 0), 0),
    unattributedNodeFiles: { journals: [] },
    tagsLists: [],
    imagePlatforms: [],
    capabilities: new Set(opts.capabilities ?? ['pods', 'pod-specs', 'events']),
    artifacts: [],
    unrecognized: [],
    warnings: [],
  };
}
