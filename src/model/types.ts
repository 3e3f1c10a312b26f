/**
 * The model of one bundle: what the rules query. Built once from parser
 * records (model/build.ts), indexed by namespace/name so every join is a map
 * lookup. Relations are resolved here, never in rules.
 */
import type { SourceRef, Warning } from '../common/source.js';
import type {
  ArtifactKind,
  ContainerStateRecord,
  DfRecord,
  DfRow,
  DockerAuthEntry,
  EventRecord,
  ImagePlatformsRecord,
  JournalRecord,
  NodeConditionRecord,
  RecordOrigin,
  ResolvConfRecord,
  TagsListRecord,
} from '../parsers/records.js';

/** A parsed image reference, following the Docker reference grammar, with the implicit parts made explicit. */
export interface ImageReference {
  /** exactly as written in the spec */
  raw: string;
  /** false when the reference does not parse; then `error` says why and the other fields are best effort */
  valid: boolean;
  error?: string;
  /** registry host[:port], e.g. docker.io, ghcr.io, registry.acme.internal:5000 */
  registry: string;
  /** path inside the registry, e.g. library/nginx, acme/api */
  repository: string;
  tag?: string;
  digest?: string;
  /** the registry was not written (docker.io implied) */
  implicitRegistry: boolean;
  /** neither tag nor digest was written (:latest implied) */
  implicitTag: boolean;
  /** fully qualified: docker.io/library/nginx:latest */
  canonical: string;
  /** the short form Docker prints: nginx:latest */
  familiar: string;
}

/** A registry key of a pull secret, normalized the way the kubelet keyring matches it. */
export interface RegistryKey {
  /** host with port, lower-cased; index.docker.io/registry-1.docker.io kept as written */
  host: string;
  /** path prefix ('' when none) */
  path: string;
}

export interface RegistryCredential extends DockerAuthEntry {
  match: RegistryKey;
}

export interface PullSecret {
  namespace?: string;
  name?: string;
  type?: string;
  origin: RecordOrigin;
  /** registry entries; empty when values were elided */
  credentials: RegistryCredential[];
  /** problems of the whole document (bad JSON, bad base64, wrong type) */
  problems: string[];
  valuesElided: boolean;
  source: SourceRef;
}

/** A pod's reference to a pull secret, resolved. */
export interface PullSecretRef {
  name: string;
  /** 'pod' (spec.imagePullSecrets) or 'serviceaccount' (copied from it, or inferred when the pod spec is unknown) */
  via: 'pod' | 'serviceaccount';
  /** the secret, when the bundle has it */
  secret?: PullSecret;
  /**
   * 'found' the bundle has it; 'missing' the bundle shows it does not exist
   * (FailedToRetrieveImagePullSecret, or the namespace's secrets were captured
   * without it); 'unknown' the bundle did not capture that namespace's secrets
   */
  status: 'found' | 'missing' | 'unknown';
}

export interface ModelEvent extends EventRecord {
  /** where else the same event was seen (describe + JSON); absent when it was seen once */
  duplicates?: SourceRef[];
}

export interface Container {
  name: string;
  init: boolean;
  image: ImageReference;
  imagePullPolicy?: string;
  state?: ContainerStateRecord;
  lastState?: ContainerStateRecord;
  ready?: boolean;
  restartCount?: number;
  source: SourceRef;
  stateSource?: SourceRef;
  /** events whose fieldPath names this container, oldest first */
  events: ModelEvent[];
}

export interface ServiceAccount {
  namespace: string;
  name: string;
  imagePullSecrets: string[];
  source: SourceRef;
}

export interface NodeFiles {
  resolvConf?: ResolvConfRecord;
  df?: DfRecord;
  dfInodes?: DfRecord;
  journals: JournalRecord[];
}

export interface Node {
  name: string;
  labels: Record<string, string>;
  conditions: NodeConditionRecord[];
  taints: { key: string; value?: string; effect: string }[];
  /** from nodeInfo / System Info, else the kubernetes.io/arch label */
  architecture?: string;
  operatingSystem?: string;
  osImage?: string;
  kernelVersion?: string;
  containerRuntimeVersion?: string;
  /** containerd, cri-o, docker, ... (from containerRuntimeVersion) */
  runtime?: string;
  kubeletVersion?: string;
  source: SourceRef;
  infoSource?: SourceRef;
  /** events about the node (FreeDiskSpaceFailed, ImageGCFailed, ...) */
  events: ModelEvent[];
  /** host files collected for this node; for a single-node bundle, unattributed files land here too */
  files: NodeFiles;
}

export interface Pod {
  namespace: string;
  name: string;
  uid?: string;
  phase?: string;
  reason?: string;
  displayStatus?: string;
  nodeName?: string;
  node?: Node;
  serviceAccountName?: string;
  serviceAccount?: ServiceAccount;
  /** undefined when the bundle does not show the pod spec's imagePullSecrets */
  imagePullSecretNames?: string[];
  /** the secrets the kubelet would use for this pod (pod spec, else its service account's) */
  pullSecrets: PullSecretRef[];
  owner?: { kind: string; name: string };
  /** deployment/statefulset/daemonset name when it can be inferred from the owner */
  workload?: { kind: string; name: string };
  labels?: Record<string, string>;
  containers: Container[];
  /** events on the pod without a container fieldPath (FailedToRetrieveImagePullSecret, FailedScheduling, ...) */
  events: ModelEvent[];
  /** every file this pod was read from */
  sources: SourceRef[];
}

export type BundleLayout =
  | 'troubleshoot'
  | 'cluster-info-dump'
  | 'must-gather'
  | 'podmortem'
  | 'loose-files'
  | 'single-file'
  | 'empty';

/** One recognized file, for `inventory`. */
export interface ArtifactEntry {
  file: string;
  kind: ArtifactKind;
  /** records of each kind the file gave */
  counts: Partial<Record<'pods' | 'containers' | 'events' | 'nodes' | 'serviceaccounts' | 'secrets' | 'node-files' | 'other', number>>;
}

/** What kinds of data the bundle has at all: drives `requires` / not-checked. */
export type Capability =
  | 'pods'
  | 'pod-specs'
  | 'events'
  | 'nodes'
  | 'serviceaccounts'
  | 'secrets'
  | 'secret-values'
  | 'resolv-conf'
  | 'df'
  | 'journal'
  | 'tags-list'
  | 'image-platforms';

export interface Model {
  layout: BundleLayout;
  collectedAt?: string;
  clusterVersion?: string;
  pods: Pod[];
  /** key: `${namespace}/${name}` */
  podIndex: Map<string, Pod>;
  nodes: Map<string, Node>;
  serviceAccounts: Map<string, ServiceAccount>;
  /** key: `${namespace}/${name}`; loose dockerconfigs (no name) are in `looseDockerConfigs` */
  pullSecrets: Map<string, PullSecret>;
  looseDockerConfigs: PullSecret[];
  /** namespaces whose secrets were captured (a referenced secret absent there is missing, not unknown) */
  secretNamespacesCaptured: Set<string>;
  /** events not attached to a known pod or node */
  orphanEvents: ModelEvent[];
  eventCount: number;
  /** host files that could not be tied to a node, when there are several nodes */
  unattributedNodeFiles: NodeFiles;
  /** pod resolv.conf from dns/debug.json */
  podResolvConf?: ResolvConfRecord;
  tagsLists: TagsListRecord[];
  imagePlatforms: ImagePlatformsRecord[];
  capabilities: Set<Capability>;
  artifacts: ArtifactEntry[];
  /** files read but not recognized */
  unrecognized: string[];
  warnings: Warning[];
}

export type { DfRow, DfRecord, JournalRecord, ResolvConfRecord };
