/**
 * Assembles parser records into the Model. Files are added one at a time as
 * the bundle streams past (so file text can be dropped right after parsing);
 * `finish()` resolves every relation with map lookups: pods to nodes,
 * service accounts and pull secrets, events to pods, containers and nodes.
 * Nothing here is quadratic in the bundle size.
 */
import type { SourceRef, Warning } from '../common/source.js';
import type {
  ArtifactKind,
  ContainerRecord,
  DfRecord,
  EventRecord,
  JournalRecord,
  NodeRecord,
  ParsedRecord,
  PodRecord,
  ResolvConfRecord,
  SecretRecord,
  ServiceAccountRecord,
} from '../parsers/records.js';
import { parseImageReference } from './image-reference.js';
import { registryKeyOf } from './keyring.js';
import type {
  ArtifactEntry,
  BundleLayout,
  Capability,
  Container,
  ImageReference,
  Model,
  ModelEvent,
  Node,
  NodeFiles,
  Pod,
  PullSecret,
  PullSecretRef,
  ServiceAccount,
} from './types.js';

export interface ParsedFile {
  file: string;
  kind: ArtifactKind;
  records: ParsedRecord[];
  warnings: Warning[];
  /** layout the path belongs to (troubleshoot, cluster-info-dump, must-gather, podmortem) */
  layoutHint?: string;
}

const STRUCTURED = new Set(['json', 'yaml']);
const POD_SECRET_KINDS = new Set<ArtifactKind>(['secrets', 'troubleshoot-pull-secret']);
const EVENT_KINDS = new Set<ArtifactKind>(['events', 'get-events', 'describe-pod']);

export class ModelBuilder {
  private pods = new Map<string, PodRecord[]>();
  private nodes = new Map<string, NodeRecord[]>();
  private serviceAccounts = new Map<string, ServiceAccountRecord>();
  private secrets: { record: SecretRecord; fromLayout: boolean }[] = [];
  private events: EventRecord[] = [];
  private nodeFiles: (ResolvConfRecord | DfRecord | JournalRecord)[] = [];
  private podResolvConf?: ResolvConfRecord;
  private tagsLists: Model['tagsLists'] = [];
  private imagePlatforms: Model['imagePlatforms'] = [];
  private artifacts: ArtifactEntry[] = [];
  private unrecognized: string[] = [];
  private warnings: Warning[] = [];
  private layoutVotes = new Map<string, number>();
  private capabilities = new Set<Capability>();
  private collectedAt?: string;
  private clusterVersion?: string;
  private filesSeen = 0;

  addWarning(w: Warning): void {
    this.warnings.push(w);
  }

  addUnrecognized(file: string): void {
    this.filesSeen++;
    this.unrecognized.push(file);
  }

  add(parsed: ParsedFile): void {
    this.filesSeen++;
    for (const w of parsed.warnings) this.warnings.push(w);
    if (parsed.layoutHint) this.layoutVotes.set(parsed.layoutHint, (this.layoutVotes.get(parsed.layoutHint) ?? 0) + 1);
    const counts: ArtifactEntry['counts'] = {};
    const bump = (k: keyof ArtifactEntry['counts'], n = 1) => (counts[k] = (counts[k] ?? 0) + n);
    if (EVENT_KINDS.has(parsed.kind)) this.capabilities.add('events');
    if (parsed.kind === 'serviceaccounts') this.capabilities.add('serviceaccounts');
    if (POD_SECRET_KINDS.has(parsed.kind)) this.capabilities.add('secrets');
    const records = parsed.records;
    for (let i = 0; i < records.length; i++) {
      const r = records[i];
      switch (r.kind) {
        case 'pod': {
          const key = `${r.namespace}/${r.name}`;
          const list = this.pods.get(key);
          if (list) list.push(r);
          else this.pods.set(key, [r]);
          bump('pods');
          bump('containers', r.containers.length);
          this.capabilities.add('pods');
          if (STRUCTURED.has(r.origin)) this.capabilities.add('pod-specs');
          break;
        }
        case 'event':
          this.events.push(r);
          bump('events');
          this.capabilities.add('events');
          break;
        case 'node': {
          const list = this.nodes.get(r.name);
          if (list) list.push(r);
          else this.nodes.set(r.name, [r]);
          bump('nodes');
          this.capabilities.add('nodes');
          break;
        }
        case 'serviceaccount':
          this.serviceAccounts.set(`${r.namespace}/${r.name}`, r);
          bump('serviceaccounts');
          this.capabilities.add('serviceaccounts');
          break;
        case 'secret':
          this.secrets.push({ record: r, fromLayout: parsed.layoutHint !== undefined && POD_SECRET_KINDS.has(parsed.kind) });
          bump('secrets');
          this.capabilities.add('secrets');
          break;
        case 'resolv-conf':
          if (r.scope === 'pod') this.podResolvConf = r;
          else {
            this.nodeFiles.push(r);
            this.capabilities.add('resolv-conf');
          }
          bump('node-files');
          break;
        case 'df':
          this.nodeFiles.push(r);
          this.capabilities.add('df');
          bump('node-files');
          break;
        case 'journal':
          this.nodeFiles.push(r);
          this.capabilities.add('journal');
          bump('node-files');
          break;
        case 'tags-list':
          this.tagsLists.push(r);
          this.capabilities.add('tags-list');
          bump('other');
          break;
        case 'image-platforms':
          this.imagePlatforms.push(r);
          this.capabilities.add('image-platforms');
          bump('other');
          break;
        case 'bundle-meta':
          this.collectedAt ??= r.collectedAt;
          this.clusterVersion ??= r.clusterVersion;
          bump('other');
          break;
      }
    }
    this.artifacts.push({ file: parsed.file, kind: parsed.kind, counts });
  }

  finish(opts: { singleFile?: boolean } = {}): Model {
    const nodes = new Map<string, Node>();
    for (const [name, records] of this.nodes) nodes.set(name, toNode(mergeNodes(records)));

    const serviceAccounts = new Map<string, ServiceAccount>();
    const accountsByNs: ByNamespace<ServiceAccount> = new Map();
    for (const [key, r] of this.serviceAccounts) {
      const sa: ServiceAccount = { namespace: r.namespace, name: r.name, imagePullSecrets: r.imagePullSecrets, source: r.source };
      serviceAccounts.set(key, sa);
      addByNamespace(accountsByNs, r.namespace, r.name, sa);
    }

    const pullSecrets = new Map<string, PullSecret>();
    const looseDockerConfigs: PullSecret[] = [];
    const secretNamespacesCaptured = new Set<string>();
    for (const { record, fromLayout } of this.secrets) {
      const ps = toPullSecret(record);
      if (record.namespace && record.name) {
        const key = `${record.namespace}/${record.name}`;
        const prev = pullSecrets.get(key);
        // a full Secret beats troubleshoot's registry->username digest of it
        if (!prev || (prev.origin !== 'json' && prev.origin !== 'yaml') || ps.credentials.length > prev.credentials.length) pullSecrets.set(key, ps);
        if (fromLayout) secretNamespacesCaptured.add(record.namespace);
      } else if (record.dockerConfig) {
        looseDockerConfigs.push(ps);
      }
    }
    // troubleshoot's registry->username digests name registries but hold no credential: not secret values
    const holdsCredential = (c: PullSecret['credentials'][number]) => !c.redacted && (c.hasPassword || c.hasAuth || c.hasIdentityToken || c.hasRegistryToken);
    if ([...pullSecrets.values(), ...looseDockerConfigs].some((s) => s.credentials.some(holdsCredential) || s.problems.length > 0)) {
      this.capabilities.add('secret-values');
    }

    const pods: Pod[] = [];
    const podsByNs: ByNamespace<Pod> = new Map();
    let podIndex: Map<string, Pod> | undefined;
    const images = new Map<string, ImageReference>();
    // forEach and index loops: a for-of allocates an iterator result per step until the loop is optimized, and these loops run once
    this.pods.forEach((records) => {
      const pod = toPod(mergePods(records), nodes, images);
      pods.push(pod);
      addByNamespace(podsByNs, pod.namespace, pod.name, pod);
    });
    // bundles list pods by namespace and name already: sort only when they are not
    if (!isSorted(pods, byNamespaceAndName)) pods.sort(byNamespaceAndName);

    const { orphans, eventCount } = attachEvents(this.events, podsByNs, nodes);
    const unattributedNodeFiles = attachNodeFiles(this.nodeFiles, nodes, pods);

    for (let i = 0; i < pods.length; i++) {
      const pod = pods[i];
      if (pod.serviceAccountName) pod.serviceAccount = accountsByNs.get(pod.namespace)?.get(pod.serviceAccountName);
      pod.pullSecrets = resolvePullSecrets(pod, pullSecrets, secretNamespacesCaptured, looseDockerConfigs);
    }

    return {
      layout: this.layout(opts.singleFile ?? false),
      collectedAt: this.collectedAt,
      clusterVersion: this.clusterVersion,
      pods,
      // by "namespace/name", built on first use: only rule tests look pods up that way
      get podIndex() {
        return (podIndex ??= new Map(pods.map((p) => [`${p.namespace}/${p.name}`, p])));
      },
      nodes,
      serviceAccounts,
      pullSecrets,
      looseDockerConfigs,
      secretNamespacesCaptured,
      orphanEvents: orphans,
      eventCount,
      unattributedNodeFiles,
      podResolvConf: this.podResolvConf,
      tagsLists: this.tagsLists,
      imagePlatforms: this.imagePlatforms,
      capabilities: this.capabilities,
      artifacts: this.artifacts,
      unrecognized: this.unrecognized,
      warnings: this.warnings,
    };
  }

  private layout(singleFile: boolean): BundleLayout {
    if (singleFile) return this.filesSeen === 0 ? 'empty' : 'single-file';
    let best: string | undefined;
    let votes = 0;
    for (const [layout, n] of this.layoutVotes) {
      if (n > votes) {
        best = layout;
        votes = n;
      }
    }
    if (best) return best as BundleLayout;
    return this.artifacts.length === 0 ? 'empty' : 'loose-files';
  }
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const byNamespaceAndName = (a: Pod, b: Pod) => (a.namespace === b.namespace ? cmp(a.name, b.name) : cmp(a.namespace, b.namespace));

function isSorted<T>(list: T[], order: (a: T, b: T) => number): boolean {
  for (let i = 1; i < list.length; i++) if (order(list[i - 1], list[i]) > 0) return false;
  return true;
}

/** Structured sources (JSON/YAML) win; describe text and tables fill what they lack. */
function byOriginRank(r: { origin: string }): number {
  return r.origin === 'json' || r.origin === 'yaml' ? 0 : r.origin === 'describe' ? 1 : 2;
}

function mergePods(records: PodRecord[]): { pod: PodRecord; sources: SourceRef[] } {
  if (records.length === 1) return { pod: records[0], sources: [records[0].source] };
  const sorted = [...records].sort((a, b) => byOriginRank(a) - byOriginRank(b));
  const base: PodRecord = { ...sorted[0], containers: sorted[0].containers.map((c) => ({ ...c })) };
  for (const other of sorted.slice(1)) {
    base.uid ??= other.uid;
    base.nodeName ??= other.nodeName;
    base.phase ??= other.phase;
    base.reason ??= other.reason;
    base.serviceAccountName ??= other.serviceAccountName;
    base.imagePullSecrets ??= other.imagePullSecrets;
    base.owner ??= other.owner;
    base.labels ??= other.labels;
    base.displayStatus ??= other.displayStatus;
    for (const c of other.containers) {
      const mine = base.containers.find((x) => x.name === c.name && x.init === c.init);
      if (!mine) base.containers.push({ ...c });
      else {
        mine.state ??= c.state;
        mine.imagePullPolicy ??= c.imagePullPolicy;
        mine.ready ??= c.ready;
        mine.restartCount ??= c.restartCount;
        mine.stateSource ??= c.stateSource;
      }
    }
  }
  return { pod: base, sources: sorted.map((r) => r.source) };
}

function mergeNodes(records: NodeRecord[]): NodeRecord {
  if (records.length === 1) return records[0];
  const sorted = [...records].sort((a, b) => byOriginRank(a) - byOriginRank(b));
  const base: NodeRecord = { ...sorted[0] };
  for (const o of sorted.slice(1)) {
    base.architecture ??= o.architecture;
    base.operatingSystem ??= o.operatingSystem;
    base.containerRuntimeVersion ??= o.containerRuntimeVersion;
    base.kubeletVersion ??= o.kubeletVersion;
    base.osImage ??= o.osImage;
    base.infoSource ??= o.infoSource;
    if (base.conditions.length === 0) base.conditions = o.conditions;
    if (base.taints.length === 0) base.taints = o.taints;
    if (Object.keys(base.labels).length === 0) base.labels = o.labels;
  }
  return base;
}

function toNode(r: NodeRecord): Node {
  const runtimeVersion = r.containerRuntimeVersion;
  return {
    name: r.name,
    labels: r.labels,
    conditions: r.conditions,
    taints: r.taints,
    architecture: r.architecture ?? r.labels['kubernetes.io/arch'] ?? r.labels['beta.kubernetes.io/arch'],
    operatingSystem: r.operatingSystem ?? r.labels['kubernetes.io/os'] ?? r.labels['beta.kubernetes.io/os'],
    osImage: r.osImage,
    kernelVersion: r.kernelVersion,
    containerRuntimeVersion: runtimeVersion,
    runtime: runtimeVersion?.includes('://') ? runtimeVersion.slice(0, runtimeVersion.indexOf('://')) : undefined,
    kubeletVersion: r.kubeletVersion,
    source: r.source,
    infoSource: r.infoSource,
    events: [],
    files: { journals: [] },
  };
}

/** ReplicaSet `checkout-api-7d9c6b5f4d` belongs to Deployment `checkout-api`. */
export function workloadOf(owner?: { kind: string; name: string }): { kind: string; name: string } | undefined {
  if (!owner) return undefined;
  if (owner.kind === 'ReplicaSet') {
    const dash = owner.name.lastIndexOf('-');
    const hash = owner.name.slice(dash + 1);
    if (dash > 0 && /^[a-z0-9]{6,10}$/.test(hash)) return { kind: 'Deployment', name: owner.name.slice(0, dash) };
    return { kind: 'ReplicaSet', name: owner.name };
  }
  if (owner.kind === 'Job') {
    // CronJob jobs are named <cronjob>-<unix minutes>
    const m = /^(.+)-\d{8,}$/.exec(owner.name);
    return m ? { kind: 'CronJob', name: m[1] } : owner;
  }
  return owner;
}

function toContainer(c: ContainerRecord, images: Map<string, ImageReference>): Container {
  // pods of a workload share images: parse each reference once, share the (never mutated) result
  let image = images.get(c.image);
  if (!image) images.set(c.image, (image = parseImageReference(c.image)));
  return {
    name: c.name,
    init: c.init,
    image,
    imagePullPolicy: c.imagePullPolicy,
    state: c.state,
    lastState: c.lastState,
    ready: c.ready,
    restartCount: c.restartCount,
    source: c.source,
    stateSource: c.stateSource,
    events: [],
  };
}

function toPod(merged: { pod: PodRecord; sources: SourceRef[] }, nodes: Map<string, Node>, images: Map<string, ImageReference>): Pod {
  const r = merged.pod;
  return {
    namespace: r.namespace,
    name: r.name,
    uid: r.uid,
    phase: r.phase,
    reason: r.reason,
    displayStatus: r.displayStatus,
    nodeName: r.nodeName,
    node: r.nodeName ? nodes.get(r.nodeName) : undefined,
    serviceAccountName: r.serviceAccountName,
    imagePullSecretNames: r.imagePullSecrets,
    pullSecrets: [],
    owner: r.owner,
    workload: workloadOf(r.owner),
    labels: r.labels,
    containers: r.containers.map((c) => toContainer(c, images)),
    events: [],
    sources: merged.sources,
  };
}

function toPullSecret(r: SecretRecord): PullSecret {
  const dc = r.dockerConfig;
  const problems = [...(dc?.problems ?? [])];
  if (dc && r.type && r.type !== 'kubernetes.io/dockerconfigjson' && r.type !== 'kubernetes.io/dockercfg') {
    problems.push(`secret type is ${r.type}; the kubelet only reads kubernetes.io/dockerconfigjson and kubernetes.io/dockercfg secrets`);
  }
  return {
    namespace: r.namespace,
    name: r.name,
    type: r.type,
    origin: r.origin,
    credentials: (dc?.entries ?? []).map((e) => ({ ...e, match: registryKeyOf(e.key) })),
    problems,
    valuesElided: r.valuesElided ?? false,
    source: r.source,
  };
}

const CONTAINER_FIELD = /^spec\.(containers|initContainers|ephemeralContainers)\{([^}]*)\}/;
const PULLED_IMAGE = /image(?: tag)? "([^"]{1,512})"/;

/**
 * One involved object's events, deduplicated by reason, then message. Most
 * objects have a handful of events, so groups are searched in place (no Map
 * per object and reason); a group that grows past SMALL gets an index. Order
 * is first-seen, for reasons and for messages within a reason.
 */
class ObjectEvents {
  private readonly reasons: string[] = [];
  /** per reason: its one event, or its events once there are several (most reasons have one: no array) */
  private readonly groups: (ModelEvent | ModelEvent[])[] = [];
  private reasonIndex?: Map<string, number>;
  private messageIndex?: Map<ModelEvent[], Map<string, number>>;

  /** The event with this reason and message, if one was added. */
  get(reason: string, message: string): ModelEvent | undefined {
    const g = this.groupAt(reason);
    if (g < 0) return undefined;
    const group = this.groups[g];
    if (!Array.isArray(group)) return group.message === message ? group : undefined;
    const at = this.find(group, message);
    return at < 0 ? undefined : group[at];
  }

  /** Adds an event whose (reason, message) is new. */
  add(e: ModelEvent): void {
    let g = this.groupAt(e.reason);
    if (g < 0) {
      g = this.reasons.length;
      this.reasons.push(e.reason);
      this.groups.push(e);
      if (this.reasonIndex) this.reasonIndex.set(e.reason, g);
      else if (this.reasons.length > SMALL) this.reasonIndex = new Map(this.reasons.map((r, k) => [r, k]));
      return;
    }
    const one = this.groups[g];
    const group = Array.isArray(one) ? one : (this.groups[g] = [one]);
    group.push(e);
    const index = this.messageIndex?.get(group);
    if (index) index.set(e.message, group.length - 1);
    else if (group.length > SMALL) {
      this.messageIndex ??= new Map();
      this.messageIndex.set(group, new Map(group.map((x, k) => [x.message, k])));
    }
  }

  /** Puts `keep` where `prev` (same reason and message) was. */
  replace(prev: ModelEvent, keep: ModelEvent): void {
    const g = this.groupAt(prev.reason);
    const group = this.groups[g];
    if (!Array.isArray(group)) this.groups[g] = keep;
    else group[this.find(group, prev.message)] = keep;
  }

  appendTo(out: ModelEvent[]): void {
    for (let i = 0; i < this.groups.length; i++) {
      const g = this.groups[i];
      if (Array.isArray(g)) for (let k = 0; k < g.length; k++) out.push(g[k]);
      else out.push(g);
    }
  }

  private groupAt(reason: string): number {
    return this.reasonIndex ? (this.reasonIndex.get(reason) ?? -1) : this.reasons.indexOf(reason);
  }

  private find(group: ModelEvent[], message: string): number {
    const index = this.messageIndex?.get(group);
    if (index) return index.get(message) ?? -1;
    for (let k = 0; k < group.length; k++) if (group[k].message === message) return k;
    return -1;
  }
}

/**
 * namespace → name → value. Looked up with the strings records already hold,
 * whose hashes V8 keeps, rather than a "namespace/name" key built (and
 * hashed) anew for every lookup.
 */
type ByNamespace<T> = Map<string, Map<string, T>>;

function addByNamespace<T>(index: ByNamespace<T>, namespace: string, name: string, value: T): void {
  let names = index.get(namespace);
  if (!names) index.set(namespace, (names = new Map()));
  names.set(name, value);
}

/** Events of one object and reason searched in place up to this many; past it, through a Map. */
const SMALL = 8;

/**
 * Deduplicates events seen in several files (describe text and events JSON)
 * and attaches them to their pod/container/node. Linear, and allocation-light
 * (bundles carry hundreds of thousands of events): records become ModelEvents
 * in place; duplicates are found per involved object by reason, then message;
 * each object's pod or node is looked up once, not per event.
 */
function attachEvents(events: EventRecord[], pods: ByNamespace<Pod>, nodes: Map<string, Node>): { orphans: ModelEvent[]; eventCount: number } {
  // kind → namespace → name → that object's events; `objects` keeps first-seen order
  const byObject = new Map<string, Map<string, Map<string, ObjectEvents>>>();
  const objects: ObjectEvents[] = [];
  // a file lists an object's events together: consecutive events reuse the last object's entry
  let lastKind: string | undefined;
  let lastNs = '';
  let lastName = '';
  let last: ObjectEvents | undefined;
  // index loops: no iterator objects, even before the function is optimized
  for (let i = 0; i < events.length; i++) {
    const e = events[i] as ModelEvent;
    const io = e.involvedObject;
    const ns = io.namespace ?? e.namespace ?? '';
    let obj: ObjectEvents | undefined;
    if (last && io.name === lastName && ns === lastNs && io.kind === lastKind) obj = last;
    else {
      let byNs = byObject.get(io.kind ?? '');
      if (!byNs) byObject.set(io.kind ?? '', (byNs = new Map()));
      let byName = byNs.get(ns);
      if (!byName) byNs.set(ns, (byName = new Map()));
      obj = byName.get(io.name);
      if (!obj) {
        byName.set(io.name, (obj = new ObjectEvents()));
        objects.push(obj);
      }
      last = obj;
      lastKind = io.kind;
      lastNs = ns;
      lastName = io.name;
    }
    const prev = obj.get(e.reason, e.message);
    if (!prev) {
      // no `duplicates` on an event seen once: adding a property to every event object costs each one a new backing store
      obj.add(e);
      continue;
    }
    // keep the structured copy (it has timestamps and a fieldPath), remember where else it was seen
    const [keep, drop] = byOriginRank(e) < byOriginRank(prev) ? [e, prev] : [prev, e];
    if (keep !== prev) {
      keep.duplicates = prev.duplicates;
      obj.replace(prev, keep);
    }
    (keep.duplicates ??= []).push(drop.source);
    // parsers share one involvedObject between an object's events: copy before filling it in
    if (keep.involvedObject.fieldPath === undefined && drop.involvedObject.fieldPath !== undefined) {
      keep.involvedObject = { ...keep.involvedObject, fieldPath: drop.involvedObject.fieldPath };
    }
    if ((drop.count ?? 0) > (keep.count ?? 0)) keep.count = drop.count;
    keep.age ??= drop.age;
  }
  const orphans: ModelEvent[] = [];
  const unique: ModelEvent[] = [];
  let eventCount = 0;
  for (let o = 0; o < objects.length; o++) {
    unique.length = 0;
    objects[o].appendTo(unique);
    eventCount += unique.length;
    // the object the first kept event names (a kept duplicate may carry a filled-in copy of it)
    const io = unique[0].involvedObject;
    const kind = io.kind;
    const ns = io.namespace ?? unique[0].namespace ?? '';
    const pod = kind === undefined || kind === 'Pod' ? pods.get(ns)?.get(io.name) : undefined;
    if (kind === 'Node' || (!kind && !pod && nodes.has(io.name))) {
      const node = nodes.get(io.name);
      for (let i = 0; i < unique.length; i++) (node ? node.events : orphans).push(unique[i]);
      continue;
    }
    if (!pod) {
      for (let i = 0; i < unique.length; i++) orphans.push(unique[i]);
      continue;
    }
    // an object's events mostly share one fieldPath (its container's): resolve it once per run
    let lastPath: string | undefined;
    let lastContainer: Container | undefined;
    for (let i = 0; i < unique.length; i++) {
      const e = unique[i];
      const fp = e.involvedObject.fieldPath;
      let container: Container | undefined;
      if (fp && fp === lastPath) container = lastContainer;
      else {
        container = containerOf(e, pod);
        lastPath = fp;
        lastContainer = container;
      }
      if (container) container.events.push(e);
      else pod.events.push(e);
    }
  }
  pods.forEach((names) =>
    names.forEach((pod) => {
      sortByTime(pod.events);
      for (let i = 0; i < pod.containers.length; i++) sortByTime(pod.containers[i].events);
    }),
  );
  return { orphans, eventCount };
}

const byTime = (a: ModelEvent, b: ModelEvent) => cmp(a.lastTimestamp ?? a.firstTimestamp ?? '', b.lastTimestamp ?? b.firstTimestamp ?? '');

/** Stable sort by time; most lists are short and already in order, and sort() allocates even then. */
function sortByTime(events: ModelEvent[]): void {
  for (let i = 1; i < events.length; i++) {
    if (byTime(events[i - 1], events[i]) > 0) {
      events.sort(byTime);
      return;
    }
  }
}

/** fieldPath → its container part; a bundle has few distinct fieldPaths and many events. */
const fieldPathMemo = new Map<string, RegExpExecArray | null>();

function containerField(fp: string): RegExpExecArray | null {
  let m = fieldPathMemo.get(fp);
  if (m === undefined) {
    m = CONTAINER_FIELD.exec(fp);
    if (fieldPathMemo.size < 10_000) fieldPathMemo.set(fp, m);
  }
  return m;
}

function containerOf(e: EventRecord, pod: Pod): Container | undefined {
  const fp = e.involvedObject.fieldPath;
  if (fp) {
    const m = containerField(fp);
    if (m) return pod.containers.find((c) => c.name === m[2] && c.init === (m[1] === 'initContainers')) ?? pod.containers.find((c) => c.name === m[2]);
    return undefined;
  }
  // describe text before kubectl 1.35 does not say which container: the image in the message does
  const m = PULLED_IMAGE.exec(e.message);
  if (!m) return undefined;
  const matches = pod.containers.filter((c) => c.image.raw === m[1]);
  return matches.length === 1 ? matches[0] : undefined;
}

/**
 * Host files go to the node they name; a file that names no node goes to the
 * only node when there is one (a single-node capture), else stays unattributed.
 */
function attachNodeFiles(files: (ResolvConfRecord | DfRecord | JournalRecord)[], nodes: Map<string, Node>, pods: Pod[]): NodeFiles {
  const unattributed: NodeFiles = { journals: [] };
  let only: Node | undefined;
  if (nodes.size === 1) only = nodes.values().next().value;
  else if (nodes.size === 0) {
    const names = new Set(pods.map((p) => p.nodeName).filter((n): n is string => !!n));
    if (names.size === 1) {
      const [name] = names;
      only = stubNode(name, files[0]?.source ?? { file: '' });
      if (files.some((f) => !f.node || f.node === name)) {
        nodes.set(name, only);
        for (const p of pods) if (p.nodeName === name) p.node = only;
      }
    }
  }
  for (const f of files) {
    let target: NodeFiles;
    if (f.node) {
      let node = nodes.get(f.node);
      if (!node) {
        node = stubNode(f.node, f.source);
        nodes.set(f.node, node);
        for (const p of pods) if (p.nodeName === f.node) p.node = node;
      }
      target = node.files;
    } else target = only ? only.files : unattributed;
    place(target, f);
  }
  return unattributed;
}

/** A node known only by name (from pods or host-collector folders), no Node object. */
function stubNode(name: string, source: SourceRef): Node {
  return { name, labels: {}, conditions: [], taints: [], source, events: [], files: { journals: [] } };
}

function place(target: NodeFiles, f: ResolvConfRecord | DfRecord | JournalRecord): void {
  if (f.kind === 'resolv-conf') target.resolvConf ??= f;
  else if (f.kind === 'df') {
    if (f.variant === 'inodes') target.dfInodes ??= f;
    else target.df ??= f;
  } else target.journals.push(f);
}

function resolvePullSecrets(pod: Pod, secrets: Map<string, PullSecret>, captured: Set<string>, loose: PullSecret[]): PullSecretRef[] {
  let names: string[];
  let via: PullSecretRef['via'];
  if (pod.imagePullSecretNames !== undefined) {
    // the ServiceAccount admission plugin already copied the SA's secrets into the spec
    names = pod.imagePullSecretNames;
    via = 'pod';
  } else if (pod.serviceAccount) {
    names = pod.serviceAccount.imagePullSecrets;
    via = 'serviceaccount';
  } else return [];
  if (names.length === 0) return [];
  // built only when the kubelet said a secret could not be retrieved: most pods have no such event
  let failed: Set<string> | undefined;
  for (let i = 0; i < pod.events.length; i++) {
    const e = pod.events[i];
    if (e.reason !== 'FailedToRetrieveImagePullSecret') continue;
    const m = /\(([^)]{0,2000})\)/.exec(e.message);
    failed ??= new Set<string>();
    if (m) for (const n of m[1].split(',')) failed.add(n.trim());
  }
  const refs: PullSecretRef[] = names.map((name) => {
    const secret = secrets.get(`${pod.namespace}/${name}`);
    if (secret) return { name, via, secret, status: 'found' };
    if (failed?.has(name) || captured.has(pod.namespace)) return { name, via, status: 'missing' };
    return { name, via, status: 'unknown' };
  });
  // a customer pasted "the" decoded dockerconfig: when one secret is unknown and one config was given, it is that one
  const unknown = refs.filter((r) => r.status === 'unknown');
  if (loose.length === 1 && unknown.length === 1) {
    unknown[0].secret = { ...loose[0], namespace: pod.namespace, name: unknown[0].name };
    unknown[0].status = 'found';
  }
  return refs;
}
